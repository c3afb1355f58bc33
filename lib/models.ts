// The model catalog: one source of truth for the UI, the API contract, the
// gateway client and the simulator. Browser-safe (no server imports).

export const MODEL_IDS = [
  "nano_banana_2",
  "nano_banana_pro",
  "nano_banana_pro-1K",
  "nano_banana_pro-2K",
  "nano_banana_pro-4K",
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

// The gateway documents only these four; the upstream knows more, but offering
// what the gateway does not document would fail in surprising ways.
export const ASPECT_RATIOS = ["auto", "1:1", "9:16", "16:9"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const IMAGE_SIZES = ["1K", "2K", "4K"] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export const MAX_PROMPT_LENGTH = 10_000;
export const MAX_REFERENCES = 5;

type Localized = { en: string; zh: string };

export type ModelInfo = {
  id: ModelId;
  label: Localized;
  description: Localized;
  /** Sizes a person may pick. A single entry means the name fixes the size. */
  sizes: readonly ImageSize[];
  defaultSize: ImageSize;
  /** Typical seconds to a picture at this model's default size (from the contract). */
  typicalSeconds: readonly [number, number];
};

export const MODELS: readonly ModelInfo[] = [
  {
    id: "nano_banana_2",
    label: { en: "Nano Banana 2", zh: "Nano Banana 2" },
    description: { en: "Standard and fast: drafts in seconds", zh: "标准、快速：几秒出草图" },
    sizes: ["1K", "2K", "4K"],
    defaultSize: "1K",
    typicalSeconds: [4, 15],
  },
  {
    id: "nano_banana_pro",
    label: { en: "Nano Banana Pro", zh: "Nano Banana Pro" },
    description: { en: "Pro quality at standard resolution", zh: "Pro 画质，标准分辨率" },
    sizes: ["1K", "2K", "4K"],
    defaultSize: "1K",
    typicalSeconds: [15, 20],
  },
  {
    id: "nano_banana_pro-1K",
    label: { en: "Nano Banana Pro 1K", zh: "Nano Banana Pro 1K" },
    description: { en: "Pro quality, fixed 1K output", zh: "Pro 画质，固定 1K 输出" },
    sizes: ["1K"],
    defaultSize: "1K",
    typicalSeconds: [15, 20],
  },
  {
    id: "nano_banana_pro-2K",
    label: { en: "Nano Banana Pro 2K", zh: "Nano Banana Pro 2K" },
    description: { en: "Pro quality, fixed 2K output for print and detail", zh: "Pro 画质，固定 2K 输出，适合细节与印刷" },
    sizes: ["2K"],
    defaultSize: "2K",
    typicalSeconds: [30, 40],
  },
  {
    id: "nano_banana_pro-4K",
    label: { en: "Nano Banana Pro 4K", zh: "Nano Banana Pro 4K" },
    description: { en: "Pro quality, fixed 4K output; the slowest", zh: "Pro 画质，固定 4K 输出；最慢" },
    sizes: ["4K"],
    defaultSize: "4K",
    typicalSeconds: [50, 70],
  },
];

export const ASPECT_RATIO_LABELS: Record<AspectRatio, Localized> = {
  auto: { en: "Auto", zh: "自动" },
  "1:1": { en: "Square 1:1", zh: "方形 1:1" },
  "9:16": { en: "Portrait 9:16", zh: "竖版 9:16" },
  "16:9": { en: "Landscape 16:9", zh: "横版 16:9" },
};

export function getModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id);
}

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

/** The size a task will really get: a fixed-size model ignores the request. */
export function effectiveSize(model: ModelId, requested?: ImageSize | null): ImageSize {
  const info = getModel(model)!;
  if (requested && info.sizes.includes(requested)) return requested;
  return info.defaultSize;
}

// Gemini image output sizes: 1K 16:9 is 1376×768, and 2K/4K scale that by 2/4.
const BASE_DIMENSIONS: Record<Exclude<AspectRatio, "auto">, readonly [number, number]> = {
  "1:1": [1024, 1024],
  "16:9": [1376, 768],
  "9:16": [768, 1376],
};
const SIZE_FACTOR: Record<ImageSize, number> = { "1K": 1, "2K": 2, "4K": 4 };

/** Pixel size of a picture; `auto` without a reference to follow is square. */
export function pixelDimensions(
  size: ImageSize,
  aspectRatio: AspectRatio,
): { width: number; height: number } {
  const [w, h] = BASE_DIMENSIONS[aspectRatio === "auto" ? "1:1" : aspectRatio];
  const f = SIZE_FACTOR[size];
  return { width: w * f, height: h * f };
}
