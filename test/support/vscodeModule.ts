import Module from 'node:module';
import { createFakeVscode, newEditorState, type FakeEditorState } from './fakeVscode';

/**
 * Lets unit tests import src/vscode modules directly. Importing this file
 * answers `require('vscode')` with one stand-in that forwards to the fake
 * editor of the current test, so each test starts from a fresh editor even
 * though Node caches the modules (and their `vscode` binding) after the
 * first import. Import it before any src/vscode module.
 */

type FakeVscode = ReturnType<typeof createFakeVscode>;

interface LoadableModule {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

let current: FakeVscode = createFakeVscode(newEditorState());

const forwarding = new Proxy({} as FakeVscode, {
  get: (_target, key) => Reflect.get(current, key),
  has: (_target, key) => Reflect.has(current, key),
  ownKeys: () => Reflect.ownKeys(current),
  getOwnPropertyDescriptor: (_target, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
    // A proxy may only report configurable properties its target does not have.
    return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
  },
});

const loader = Module as unknown as LoadableModule;
const globalKey = Symbol.for('slipway.test.fakeVscodeInstalled');
const registry = globalThis as unknown as Record<symbol, boolean>;
if (!registry[globalKey]) {
  registry[globalKey] = true;
  const originalLoad = loader._load;
  loader._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? forwarding : originalLoad.call(this, request, parent, isMain);
  };
}

/** A fresh fake editor for `state`, which every src/vscode module now talks to. */
export function useFakeVscode(state: FakeEditorState = newEditorState()): FakeVscode {
  current = createFakeVscode(state);
  return current;
}
