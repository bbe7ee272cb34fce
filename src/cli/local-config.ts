import { z } from 'zod';

/** `.tollgate/config.yaml`: an empty file (or one holding only comments) is an empty config. */
export const LocalConfig = z.preprocess((v) => v ?? {}, z.object({ identity: z.string().min(1).optional() }).passthrough());
