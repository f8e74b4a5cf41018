import { z } from 'zod';
import { findRegion } from '../gallery/region-names';

/**
 * The desired-state file's JSON format (see config/desired-state.example.json and the README). Kept apart from
 * the loader so the format is read, and documented, in one place.
 */

/** ARM's `StorageAccountType` values for gallery image replicas. */
export const STORAGE_ACCOUNT_TYPES = ['Standard_LRS', 'Standard_ZRS', 'Premium_LRS', 'PremiumV2_LRS'] as const;

/** ARM's gallery sharing modes. */
export const SHARING_MODES = ['Private', 'Groups', 'Community'] as const;

// Compared case-insensitively, as ARM does; written back in ARM's spelling.
const storageAccountType = z.preprocess(
  (v) => (typeof v === 'string' ? (STORAGE_ACCOUNT_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v) : v),
  z.enum(STORAGE_ACCOUNT_TYPES, { error: `must be one of ${STORAGE_ACCOUNT_TYPES.join(', ')}` }),
);

const sharing = z.preprocess(
  (v) => (typeof v === 'string' ? (SHARING_MODES.find((t) => t.toLowerCase() === v.trim().toLowerCase()) ?? v) : v),
  z.enum(SHARING_MODES, { error: `must be one of ${SHARING_MODES.join(', ')}` }),
);

// A typo such as `eastus22` must fail at start, not make drift report a region nobody can add.
const regionName = z
  .string()
  .trim()
  .min(1)
  .refine((name) => findRegion(name) !== undefined, { error: (issue) => `${JSON.stringify(issue.input)} is not an Azure region (write eastus2 or East US 2)` });

/** A required region: its name, or the name with the replica count and storage type every version must have there. */
export const regionRuleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { region: v } : v),
  z
    .object({
      region: regionName,
      /** `regionalReplicaCount` every checked version must have in this region. */
      replicas: z.number().int().min(1).max(100).optional(),
      storageAccountType: storageAccountType.optional(),
    })
    .strict(),
);

/** Lifecycle rules; they apply to every version of the definition. */
export const endOfLifeRuleSchema = z
  .object({
    /** Every version must have an `endOfLifeDate`. */
    required: z.boolean().optional(),
    /** No version published longer ago than this may still be before its end of life. */
    maxAgeDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

/** Which versions the region rules are checked on: the one "latest" deploys, or every version before its end of life. */
export const versionsCheckedSchema = z.enum(['latest', 'all'], { error: 'must be "latest" or "all"' });

/** Rules a definition may set; `defaults` sets them for every definition that does not. */
const definitionKnobs = {
  versions: versionsCheckedSchema.optional(),
  /** Storage type for regions that do not name one. */
  storageAccountType: storageAccountType.optional(),
  endOfLife: endOfLifeRuleSchema.optional(),
};

export const definitionSchema = z
  .object({
    description: z.string().optional(),
    /** The image definition's name in the gallery. */
    image: z.string().trim().min(1).max(80),
    /** Regions every checked version must be replicated to (at least these; others are allowed). */
    regions: z.array(regionRuleSchema).default([]),
    ...definitionKnobs,
  })
  .strict();

export const gallerySchema = z
  .object({
    description: z.string().optional(),
    /** `gallery`, `resourceGroup/gallery` or `subscriptionId/resourceGroup/gallery`. */
    gallery: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .refine((s) => s.split('/').length <= 3 && s.split('/').every((p) => p.trim() !== ''), 'must be gallery, resourceGroup/gallery or subscriptionId/resourceGroup/gallery'),
    sharing: sharing.optional(),
    definitions: z.array(definitionSchema).default([]),
  })
  .strict();

export const desiredStateFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    defaults: z.object(definitionKnobs).strict().default({}),
    galleries: z
      .array(gallerySchema, { error: (issue) => (issue.input === undefined ? 'required: list the galleries to compare' : undefined) })
      .min(1, 'list at least one gallery'),
  })
  .strict();

/** The desired-state file as written, before defaults are applied. */
export type DesiredStateFile = z.infer<typeof desiredStateFileSchema>;
