import '../../support/vscodeModule';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import { COMMAND_IDS } from '../../../src/vscode/commandIds';
import { SSH_EXTENSION_IDS } from '../../../src/vscode/sshExtension';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    walkthroughs: Array<{
      id: string;
      steps: Array<{
        id: string;
        description: string;
        media: { markdown?: string };
        completionEvents: string[];
      }>;
    }>;
  };
};
const commands = new Set<string>(COMMAND_IDS);

describe('the Get Started walkthrough (package.json)', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;

  it('is the one walkthrough, with a button and a completion check on every step', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    assert.equal(walkthrough!.id, 'gettingStarted');
    for (const step of walkthrough!.steps) {
      assert.match(step.description, /\[[^\]]+\]\((command:|https:)/, `${step.id} has no button`);
      assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
      assert.ok(
        existsSync(path.join(root, step.media.markdown ?? 'none')),
        `${step.id}: ${step.media.markdown}`,
      );
    }
  });

  it('links and waits only for Slipway commands that exist, and for the SSH extensions Slipway knows', () => {
    for (const step of walkthrough!.steps) {
      for (const [, id] of step.description.matchAll(/\(command:(slipway\.[\w]+)/g)) {
        assert.ok(commands.has(id!), `${step.id} links to unknown ${id}`);
      }
      for (const event of step.completionEvents) {
        const [kind, value] = [
          event.slice(0, event.indexOf(':')),
          event.slice(event.indexOf(':') + 1),
        ];
        if (kind === 'onCommand') {
          assert.ok(commands.has(value), `${step.id} waits for unknown ${value}`);
        } else if (kind === 'onExtensionInstalled') {
          assert.ok((SSH_EXTENSION_IDS as readonly string[]).includes(value), value);
        } else {
          assert.equal(kind, 'onContext');
          // The context key the containers view sets from each poll.
          assert.match(value, /^slipway\.cliState == /);
        }
      }
    }
  });
});
