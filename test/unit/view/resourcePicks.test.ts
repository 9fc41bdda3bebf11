import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { GIB, MIB } from '../../../src/core/plan/sizes';
import {
  cpuChoices,
  memoryChoices,
  memoryPlaceholder,
  memoryShare,
} from '../../../src/core/view/resourcePicks';

const CLEAR = "Use the config's value or the default";

describe('resource quick picks', () => {
  describe('cpuChoices', () => {
    it('offers the usual counts up to the host, with the clear choice first and picked', () => {
      const choices = cpuChoices({ hostCpus: 12 });
      assert.deepEqual(choices[0], { label: CLEAR, value: null, picked: true });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        [1, 2, 4, 6, 8, 10, 12],
      );
      assert.deepEqual(choices[1], { label: '1 CPU', value: 1 });
      assert.deepEqual(choices[2], { label: '2 CPUs', value: 2 });
      assert.deepEqual(choices.at(-1), {
        label: '12 CPUs',
        value: 12,
        description: "all of this Mac's cores",
      });
    });

    it('adds the host count when it is off the ladder, and goes on in eights', () => {
      assert.deepEqual(
        cpuChoices({ hostCpus: 14 })
          .slice(1)
          .map((c) => c.value),
        [1, 2, 4, 6, 8, 10, 12, 14],
      );
      assert.deepEqual(
        cpuChoices({ hostCpus: 32 })
          .slice(1)
          .map((c) => c.value),
        [1, 2, 4, 6, 8, 10, 12, 16, 24, 32],
      );
      assert.deepEqual(
        cpuChoices({ hostCpus: 1 })
          .slice(1)
          .map((c) => c.value),
        [1],
      );
    });

    it('marks the config, the running container and the setting, combined', () => {
      const choices = cpuChoices({ hostCpus: 10, configCpus: 4, currentCpus: 4, settingCpus: 6 });
      assert.deepEqual(choices[0], {
        label: CLEAR,
        value: null,
        description: "removes this workspace's setting",
      });
      const four = choices.find((c) => c.value === 4);
      assert.equal(four?.description, 'config asks for this · running container has this');
      const six = choices.find((c) => c.value === 6);
      assert.deepEqual(six, {
        label: '6 CPUs',
        value: 6,
        description: "this workspace's setting",
        picked: true,
      });
      assert.deepEqual(
        choices.filter((c) => c.picked).map((c) => c.value),
        [6],
      );
    });

    it('always includes what the config asks for, even beyond the host', () => {
      const choices = cpuChoices({ hostCpus: 8, configCpus: 3, settingCpus: 16 });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        [1, 2, 3, 4, 6, 8, 16],
      );
      const more = cpuChoices({ hostCpus: 8, configCpus: 12 }).at(-1);
      assert.deepEqual(more, {
        label: '12 CPUs',
        value: 12,
        description: "config asks for this · more than this Mac's 8 cores",
      });
    });

    it('ignores counts that are not whole and positive', () => {
      const choices = cpuChoices({ hostCpus: 4, configCpus: 2.5, currentCpus: 0, settingCpus: -1 });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        [1, 2, 4],
      );
      assert.equal(choices[0]!.picked, undefined, 'a setting exists, even if it is nonsense');
    });

    it('offers up to 16 when the host count is unknown', () => {
      const choices = cpuChoices({ hostCpus: Number.NaN });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        [1, 2, 4, 6, 8, 10, 12, 16],
      );
      assert.ok(choices.every((c) => c.description === undefined));
    });
  });

  describe('memoryChoices', () => {
    it('offers the usual sizes up to three quarters of the Mac, in Apple syntax', () => {
      const choices = memoryChoices({ hostMemoryBytes: 32 * GIB });
      assert.deepEqual(choices[0], { label: CLEAR, value: null, picked: true });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        ['1G', '2G', '4G', '6G', '8G', '12G', '16G', '24G'],
      );
      assert.deepEqual(choices[5], {
        label: '8 GiB',
        value: '8G',
        detail: "a quarter of this Mac's 32 GiB",
      });
      assert.equal(choices[7]!.detail, "half of this Mac's 32 GiB");
      assert.equal(choices[8]!.detail, "three quarters of this Mac's 32 GiB");
      assert.equal(choices[1]!.detail, "3% of this Mac's 32 GiB");
    });

    it('goes on past 64 GiB on big Macs', () => {
      const values = memoryChoices({ hostMemoryBytes: 192 * GIB })
        .slice(1)
        .map((c) => c.value);
      assert.deepEqual(values.slice(-4), ['48G', '64G', '96G', '128G']);
      assert.equal(values.length, 13);
    });

    it('stops lower on small Macs', () => {
      assert.deepEqual(
        memoryChoices({ hostMemoryBytes: 8 * GIB })
          .slice(1)
          .map((c) => c.value),
        ['1G', '2G', '4G', '6G'],
      );
      const thirds = memoryChoices({ hostMemoryBytes: 36 * GIB });
      assert.equal(thirds.find((c) => c.value === '12G')?.detail, "a third of this Mac's 36 GiB");
      assert.equal(thirds.at(-1)!.value, '24G');
    });

    it('includes and marks the config, the running container and the setting', () => {
      const choices = memoryChoices({
        hostMemoryBytes: 16 * GIB,
        configMemoryBytes: 1536 * MIB,
        currentMemoryBytes: 4 * GIB,
        settingMemory: '8192M',
      });
      assert.deepEqual(choices[0], {
        label: CLEAR,
        value: null,
        description: "removes this workspace's setting",
      });
      assert.deepEqual(choices[2], {
        label: '1.5 GiB',
        value: '1536M',
        description: 'config asks for this',
        detail: "9% of this Mac's 16 GiB",
      });
      assert.equal(
        choices.find((c) => c.value === '4G')?.description,
        'running container has this',
      );
      const eight = choices.find((c) => c.value === '8G');
      assert.equal(eight?.description, "this workspace's setting");
      assert.equal(eight?.picked, true, '8192M is the same size as 8G');
      assert.equal(choices.filter((c) => c.picked).length, 1);
    });

    it('includes what the config asks for beyond the limit', () => {
      const last = memoryChoices({ hostMemoryBytes: 16 * GIB, configMemoryBytes: 32 * GIB }).at(-1);
      assert.deepEqual(last, {
        label: '32 GiB',
        value: '32G',
        description: 'config asks for this',
        detail: "more than this Mac's 16 GiB",
      });
    });

    it('picks nothing for a setting that is not a size', () => {
      const choices = memoryChoices({ hostMemoryBytes: 16 * GIB, settingMemory: 'lots' });
      assert.equal(
        choices.some((c) => c.picked),
        false,
      );
      assert.equal(choices.length, 7);
    });

    it('offers up to 16 GiB without shares when the host memory is unknown', () => {
      const choices = memoryChoices({ hostMemoryBytes: 0 });
      assert.deepEqual(
        choices.slice(1).map((c) => c.value),
        ['1G', '2G', '4G', '6G', '8G', '12G', '16G'],
      );
      assert.ok(choices.every((c) => c.detail === undefined));
    });
  });

  describe('memory with a peak and a suggestion', () => {
    it('marks the suggested size (even off the ladder) and the peak next to the current limit', () => {
      const choices = memoryChoices({
        hostMemoryBytes: 32 * GIB,
        currentMemoryBytes: 4 * GIB,
        peakBytes: 3.2 * GIB,
        suggestedBytes: 5 * GIB,
        suggestedBecause: 'peak 3.2 GiB and half again',
      });
      const four = choices.find((c) => c.value === '4G');
      assert.equal(four?.description, 'running container has this, peak 3.2 GiB');
      const five = choices.find((c) => c.value === '5G');
      assert.equal(five?.label, '5 GiB');
      assert.equal(five?.description, 'suggested: peak 3.2 GiB and half again');
      // First, where the pick opens; the rest in order, the clear choice leading them.
      assert.deepEqual(
        choices.map((c) => c.value),
        ['5G', null, '1G', '2G', '4G', '6G', '8G', '12G', '16G', '24G'],
      );
    });

    it('leaves the order alone without a suggestion', () => {
      const choices = memoryChoices({ hostMemoryBytes: 16 * GIB, peakBytes: GIB });
      assert.equal(choices[0]?.value, null);
    });

    it('says the peak against the limit and the suggestion in the placeholder', () => {
      assert.equal(
        memoryPlaceholder({
          peakBytes: 3.2 * GIB,
          currentMemoryBytes: 4 * GIB,
          suggestedBytes: 5 * GIB,
        }),
        'Memory of the container VM · peak 3.2 GiB of its 4 GiB · suggested 5 GiB',
      );
      assert.equal(memoryPlaceholder({}), 'Memory of the container VM');
    });
  });

  it('memoryShare names simple fractions and falls back to percentages', () => {
    assert.equal(memoryShare(16 * GIB, 16 * GIB), "all of this Mac's 16 GiB");
    assert.equal(memoryShare(2 * GIB, 16 * GIB), "an eighth of this Mac's 16 GiB");
    assert.equal(memoryShare(10 * GIB, 16 * GIB), "five eighths of this Mac's 16 GiB");
    assert.equal(memoryShare(24 * GIB, 36 * GIB), "two thirds of this Mac's 36 GiB");
    assert.equal(memoryShare(5 * GIB, 16 * GIB), "31% of this Mac's 16 GiB");
    assert.equal(memoryShare(100 * MIB, 64 * GIB), "under 1% of this Mac's 64 GiB");
  });
});
