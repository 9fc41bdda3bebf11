/**
 * `image list|ls`, `image inspect`, `image pull` and `image delete|rm` over
 * podman's store (see images/store.ts for how references map to it).
 */
import type { Command } from '../context';
import { AppleError } from '../errors';
import { denormalizeReference, normalizeReference } from '../images/reference';
import { ensureImage, inspectImage, listImageReferences, type LocalImage } from '../images/store';
import { COMPACT_UNSORTED, encodeJson, PRETTY_SORTED } from '../json';
import { podman } from '../podman/podman';
import {
  imageListJson,
  imageResourceJson,
  imageRow,
  legacyImageInspectJson,
  verboseImageRows,
} from '../render/images';
import { formatTable } from '../render/table';
import { printListJson, problemError, requireService, unsupportedFormat } from './common';

async function localImages(references: readonly string[]): Promise<LocalImage[]> {
  const images = await Promise.all(references.map((ref) => inspectImage(ref)));
  return images.filter((image): image is LocalImage => image !== undefined);
}

export const imageList: Command = async (ctx, invocation) => {
  requireService(ctx);
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
  const { options } = invocation;
  const format = options.last('--format') ?? 'table';
  if (format !== 'json' && format !== 'table') {
    throw unsupportedFormat(format);
  }
  const references = await listImageReferences();
  if (options.has('--quiet') && format === 'table') {
    for (const reference of references) {
      ctx.print(denormalizeReference(reference));
    }
    return 0;
  }
  const images = await localImages(references);
  if (format === 'json') {
    const withFullSize = ctx.version.atLeast('0.9.0');
    printListJson(
      ctx,
      images.map((image) => imageListJson(image, ctx.era, withFullSize)),
    );
    return 0;
  }
  if (options.has('--verbose')) {
    const header = [
      'NAME',
      'TAG',
      'INDEX DIGEST',
      'OS',
      'ARCH',
      'VARIANT',
      'FULL SIZE',
      'CREATED',
      'MANIFEST DIGEST',
    ];
    ctx.print(formatTable([header, ...images.flatMap(verboseImageRows)]));
    return 0;
  }
  ctx.print(formatTable([['NAME', 'TAG', 'DIGEST'], ...images.map(imageRow)]));
  return 0;
};

export const imageInspect: Command = async (ctx, invocation) => {
  requireService(ctx);
  const names = [...new Set(invocation.positionals)];
  const found: LocalImage[] = [];
  const missing: string[] = [];
  for (const name of names) {
    let image: LocalImage | undefined;
    try {
      image = await inspectImage(normalizeReference(name));
    } catch {
      image = undefined;
    }
    if (image) {
      found.push(image);
    } else {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    throw new AppleError('notFound', `image not found: ${missing.sort().join(', ')}`);
  }
  if (!ctx.era.jsonV1) {
    ctx.print(encodeJson(found.map(legacyImageInspectJson), COMPACT_UNSORTED));
    return 0;
  }
  ctx.print(encodeJson(found.map(imageResourceJson), PRETTY_SORTED));
  return 0;
};

/** Pulling prints only progress (to stderr), and nothing at all without a terminal. */
export const imagePull: Command = async (ctx, invocation) => {
  requireService(ctx);
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
  await ensureImage(normalizeReference(invocation.positionals[0] ?? ''));
  return 0;
};

export const imageDelete: Command = async (ctx, invocation) => {
  const problem = invocation.runtimeProblems[0];
  if (problem !== undefined) {
    throw problemError(problem);
  }
  requireService(ctx);
  const { options } = invocation;
  const all = options.has('--all');
  let found: string[];
  let notFound: string[] = [];
  if (all) {
    found = await listImageReferences();
  } else {
    found = [];
    for (const name of invocation.positionals) {
      let reference: string | undefined;
      try {
        reference = normalizeReference(name);
      } catch {
        reference = undefined;
      }
      if (reference !== undefined && (await inspectImage(reference))) {
        found.push(reference);
      } else {
        notFound.push(name);
      }
    }
  }
  if (options.has('--force')) {
    notFound = [];
  }
  const failures = [...notFound];
  for (const reference of found) {
    // Removing one name of a multi-name image only untags it, as Apple's store does.
    const removed = await podman(['rmi', reference]);
    const untagged = removed.code === 0 ? removed : await podman(['untag', reference, reference]);
    if (untagged.code === 0) {
      ctx.print(reference);
    } else {
      ctx.printError(`failed to delete ${reference}: ${untagged.stderr.trim()}`);
      failures.push(reference);
    }
  }
  if (failures.length > 0) {
    const list = failures.map((f) => `"${f}"`).join(', ');
    throw new AppleError('internalError', `failed to delete one or more images: [${list}]`);
  }
  return 0;
};
