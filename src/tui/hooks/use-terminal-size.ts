import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** The terminal's size, updated when it is resized (ink re-lays out on resize but does not re-render). */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout?.columns || 80, rows: stdout?.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout?.on('resize', onResize);
    return () => void stdout?.off('resize', onResize);
  }, [stdout]);
  return size;
}
