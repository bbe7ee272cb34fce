/** USD per 1,000 tokens by model name, as tollgate.yaml's `models.prices` holds them. */
export type ModelPrices = Readonly<Record<string, { readonly input_per_1k: number; readonly output_per_1k: number }>>;

/** USD for one model call, from the project's price table; 0 for an unpriced model. */
export function costOf(prices: ModelPrices, model: string, inputTokens: number, outputTokens: number): number {
  const price = prices[model] ?? prices[model.replace(/:latest$/, '')];
  if (!price) return 0;
  return round6((inputTokens / 1000) * price.input_per_1k + (outputTokens / 1000) * price.output_per_1k);
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
