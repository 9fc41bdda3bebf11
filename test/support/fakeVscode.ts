/**
 * Just enough of the `vscode` API to activate the bundled extension outside
 * an editor and drive its commands. It records what the extension asked of
 * the editor so tests can assert on it. The workbench tests (code-server)
 * cover the real thing; this keeps activation honest on every `npm test`.
 */

import { promises as nodeFs } from 'node:fs';
import * as nodePath from 'node:path';

type Listener<T> = (value: T) => void;

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  /** Keeps everything after `scheme://` as it is (encoded), which is all the tests compare. */
  static parse(value: string): Uri {
    const match = /^([a-zA-Z][\w+.-]*):\/\/(.*)$/.exec(value);
    return match ? new Uri(match[1]!, match[2]!) : new Uri('file', value);
  }
  static from(parts: { scheme: string; path: string }): Uri {
    return new Uri(parts.scheme, parts.path);
  }
  get fsPath(): string {
    return this.path;
  }
  /** `ssh-remote+alias` of `vscode-remote://ssh-remote+alias/...`; none for files. */
  get authority(): string {
    return this.scheme === 'file' ? '' : (this.path.split('/')[0] ?? '');
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class MarkdownString {
  isTrusted: unknown;
  supportThemeIcons = false;
  constructor(
    readonly value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

export interface FakeStatusBarItem {
  id: string;
  text: string;
  tooltip?: unknown;
  command?: unknown;
  backgroundColor?: unknown;
  visible: boolean;
}

export interface FakeEditorState {
  commands: Map<string, (...args: unknown[]) => unknown>;
  providers: Map<string, { provideTextDocumentContent(uri: Uri): string }>;
  shownDocuments: Array<{ uri: Uri; text: string }>;
  messages: Array<{ level: 'info' | 'warning' | 'error'; text: string }>;
  logLines: string[];
  settings: Record<string, unknown>;
  workspaceFolders: Array<{ uri: Uri; name: string; index: number }>;
  /** What the next show*Message calls answer (first in, first out); none: dismissed. */
  answers?: Array<string | undefined>;
  /** Commands the extension executed that the fake does not register (openFolder, installExtension). */
  executed?: Array<{ id: string; args: unknown[] }>;
  /** Extension ids the fake editor has installed. */
  installedExtensions?: string[];
  /** What `remote.SSH.*` and other settings were updated to, by key. */
  updatedSettings?: Record<string, unknown>;
  /** User-level values; `settings` are the workspace's. */
  userSettings?: Record<string, unknown>;
  /** Workspace trust; trusted unless set to false. */
  trusted?: boolean;
  /** `vscode.env.remoteName`: `ssh-remote` in a window Remote-SSH opened. */
  remoteName?: string;
  /**
   * `vscode.env.remoteAuthority`, proposed API: reading it throws, as in a
   * stable editor, unless the test gives it a value.
   */
  remoteAuthority?: string;
  /**
   * The user's own machine as `workspace.fs` reaches it from a remote
   * extension host: `vscode-local:/x` is `<localRoot>/x` on disk. Any other
   * scheme is refused, so a test catches a write meant for the user's
   * machine that went elsewhere.
   */
  localRoot?: string;
  /** A `.code-workspace` file: a multi-root workspace. */
  workspaceFile?: Uri;
  /** Every settings update with the target it was written to, in order. */
  settingWrites?: Array<{ key: string; value: unknown; target: unknown }>;
  /** Labels the next showQuickPick calls choose (first in, first out); none: the first item; null: dismissed. */
  picks?: Array<string | null>;
  /** URIs the extension asked the editor to open outside (a browser). */
  openedExternally?: string[];
  /** What showQuickPick was offered, per call: the labels and the options. */
  quickPicks?: Array<{ labels: string[]; options: unknown }>;
  /** What the next requestWorkspaceTrust calls answer (first in, first out); none: refused. */
  trustAnswers?: boolean[];
  /** requestWorkspaceTrust throws, as a stable editor does for an extension without the API proposal. */
  trustProposalBlocked?: boolean;
  /** The trust requests the extension made, with their options. */
  trustRequests?: Array<{ modal?: boolean; message?: string }>;
  /** Trusts the workspace as the editor does: trusted first, then onDidGrantWorkspaceTrust. */
  grantTrust?: () => void;
  /** The open dialogs the extension showed (each answered as dismissed). */
  openDialogs?: unknown[];
  /** Filled in by createFakeVscode. */
  statusBarItems?: FakeStatusBarItem[];
  treeViews?: Map<string, { provider: { getChildren(): unknown } }>;
  contextKeys?: Map<string, unknown>;
  webviewProviders?: Set<string>;
  /** Webview panels the extension opened, with the page each shows now. */
  webviewPanels?: FakeWebviewPanel[];
  /** When set: each progress notification's title and every message reported under it, in order. */
  progress?: Array<{ title: string; messages: string[] }>;
}

export interface FakeWebviewPanel {
  viewType: string;
  title: string;
  options: { enableScripts?: boolean; enableCommandUris?: boolean | readonly string[] };
  html: string;
  reveals: number;
}

/** A fresh editor with nothing open, nothing said and no settings but `overrides`. */
export function newEditorState(overrides: Partial<FakeEditorState> = {}): FakeEditorState {
  return {
    commands: new Map(),
    providers: new Map(),
    shownDocuments: [],
    messages: [],
    logLines: [],
    settings: {},
    workspaceFolders: [],
    ...overrides,
  };
}

export function createFakeVscode(state: FakeEditorState) {
  const logger =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      state.logLines.push(
        `[${level}] ${message}${rest.length ? ' ' + rest.map(String).join(' ') : ''}`,
      );
  const message =
    (level: 'info' | 'warning' | 'error') =>
    async (text: string): Promise<string | undefined> => {
      state.messages.push({ level, text });
      return state.answers?.shift();
    };
  state.statusBarItems = [];
  state.treeViews = new Map();
  state.contextKeys = new Map();
  state.webviewProviders = new Set();
  const trustGranted = new EventEmitter<void>();
  state.grantTrust = () => {
    state.trusted = true;
    trustGranted.fire();
  };
  state.webviewPanels = [];
  const disposable = { dispose: () => undefined };
  const noEvent = () => disposable;
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: (key: string) => values.get(key),
      update: async (key: string, value: unknown) => void values.set(key, value),
    };
  };
  return {
    EventEmitter,
    Uri,
    Position,
    Range,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    TreeItem,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ExtensionKind: { UI: 1, Workspace: 2 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    fakeMemento: memento,
    extensions: {
      getExtension: (id: string) =>
        state.installedExtensions?.includes(id) ? { id, isActive: true } : undefined,
    },
    env: {
      uriScheme: 'vscode',
      get remoteName() {
        return state.remoteName;
      },
      get remoteAuthority() {
        if (state.remoteAuthority === undefined) {
          throw new Error("Extension 'slipway' CANNOT use API proposal: resolvers");
        }
        return state.remoteAuthority;
      },
      clipboard: { writeText: async () => undefined },
      openExternal: async (uri: Uri) => {
        state.openedExternally?.push(uri.toString());
        return true;
      },
    },
    languages: { setTextDocumentLanguage: async (document: unknown) => document },
    commands: {
      registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
        if (state.commands.has(id)) {
          throw new Error(`command '${id}' already exists`);
        }
        state.commands.set(id, handler);
        return { dispose: () => state.commands.delete(id) };
      },
      executeCommand(id: string, ...args: unknown[]) {
        if (id === 'setContext') {
          state.contextKeys!.set(String(args[0]), args[1]);
          return Promise.resolve(undefined);
        }
        const handler = state.commands.get(id);
        if (handler === undefined) {
          if (state.executed !== undefined) {
            state.executed.push({ id, args });
            return Promise.resolve(undefined);
          }
          throw new Error(`command '${id}' not found`);
        }
        return Promise.resolve(handler(...args));
      },
    },
    window: {
      createOutputChannel(_name: string, _options: unknown) {
        return {
          info: logger('info'),
          warn: logger('warn'),
          error: logger('error'),
          debug: logger('debug'),
          trace: logger('trace'),
          show: () => state.logLines.push('[shown]'),
          dispose: () => undefined,
        };
      },
      createTreeView(id: string, options: { treeDataProvider: { getChildren(): unknown } }) {
        state.treeViews!.set(id, { provider: options.treeDataProvider });
        return {
          visible: false,
          message: undefined,
          onDidChangeVisibility: noEvent,
          dispose: () => undefined,
        };
      },
      createStatusBarItem(id: string) {
        const item = {
          id,
          text: '',
          visible: false,
          name: '',
          show() {
            item.visible = true;
          },
          hide() {
            item.visible = false;
          },
          dispose: () => undefined,
        };
        state.statusBarItems!.push(item);
        return item;
      },
      registerWebviewViewProvider(id: string) {
        state.webviewProviders!.add(id);
        return disposable;
      },
      createWebviewPanel(viewType: string, title: string, _column: unknown, options: object) {
        const shown: FakeWebviewPanel = { viewType, title, options, html: '', reveals: 0 };
        state.webviewPanels!.push(shown);
        return {
          webview: {
            cspSource: 'vscode-webview://fake',
            get html() {
              return shown.html;
            },
            set html(value: string) {
              shown.html = value;
            },
          },
          reveal: () => (shown.reveals += 1),
          onDidDispose: noEvent,
          dispose: () => undefined,
        };
      },
      async withProgress<T>(
        options: { title?: string },
        task: (
          progress: { report(value: { message?: string }): void },
          token: unknown,
        ) => Promise<T>,
      ): Promise<T> {
        const shown = { title: options.title ?? '', messages: [] as string[] };
        state.progress?.push(shown);
        const report = (value: { message?: string }) =>
          value.message !== undefined && shown.messages.push(value.message);
        return task({ report }, { onCancellationRequested: noEvent });
      },
      setStatusBarMessage: () => disposable,
      showInformationMessage: message('info'),
      showWarningMessage: message('warning'),
      showErrorMessage: message('error'),
      showQuickPick: async <T extends { label?: string }>(items: T[], options?: unknown) => {
        state.quickPicks?.push({ labels: items.map((item) => String(item.label)), options });
        const wanted = state.picks?.shift();
        if (wanted === null) {
          return undefined;
        }
        return wanted === undefined ? items[0] : items.find((item) => item.label === wanted);
      },
      showOpenDialog: async (options: unknown) => {
        (state.openDialogs ??= []).push(options);
        return undefined;
      },
      showWorkspaceFolderPick: async () => state.workspaceFolders[0],
      showTextDocument: async (document: { uri: Uri; getText(): string }) => {
        state.shownDocuments.push({ uri: document.uri, text: document.getText() });
        return {};
      },
    },
    workspace: {
      get workspaceFolders() {
        return state.workspaceFolders;
      },
      get isTrusted() {
        return state.trusted ?? true;
      },
      get workspaceFile() {
        return state.workspaceFile;
      },
      onDidChangeConfiguration: noEvent,
      onDidGrantWorkspaceTrust: trustGranted.event,
      async requestWorkspaceTrust(options?: { modal?: boolean; message?: string }) {
        if (state.trustProposalBlocked) {
          throw new Error("Extension 'slipway' CANNOT use API proposal: workspaceTrust");
        }
        (state.trustRequests ??= []).push(options ?? {});
        const granted = state.trustAnswers?.shift() === true;
        if (granted) {
          state.grantTrust!();
        }
        return granted;
      },
      asRelativePath: (file: string) => file,
      fs: localMachineFs(state),
      getConfiguration(section: string) {
        return {
          get: <T>(key: string): T | undefined =>
            (state.settings[`${section}.${key}`] ?? state.userSettings?.[`${section}.${key}`]) as
              T | undefined,
          update: async (key: string, value: unknown, target?: unknown) => {
            state.updatedSettings = { ...state.updatedSettings, [`${section}.${key}`]: value };
            state.settingWrites?.push({ key: `${section}.${key}`, value, target });
            // Written settings are read back, as the editor does; `undefined` removes one.
            if (value === undefined) {
              delete state.settings[`${section}.${key}`];
            } else {
              state.settings[`${section}.${key}`] = value;
            }
          },
          inspect: <T>(key: string) => ({
            globalValue: state.userSettings?.[`${section}.${key}`] as T | undefined,
            workspaceValue: state.settings[`${section}.${key}`] as T | undefined,
          }),
        };
      },
      registerTextDocumentContentProvider(
        scheme: string,
        provider: { provideTextDocumentContent(uri: Uri): string },
      ) {
        state.providers.set(scheme, provider);
        return { dispose: () => state.providers.delete(scheme) };
      },
      async openTextDocument(uri: Uri) {
        const provider = state.providers.get(uri.scheme);
        const text = provider?.provideTextDocumentContent(uri) ?? '';
        return { uri, getText: () => text };
      },
    },
  };
}

/** `workspace.fs` as a remote extension host sees the user's machine: see `localRoot`. */
function localMachineFs(state: FakeEditorState) {
  const onDisk = (uri: Uri): string => {
    if (uri.scheme !== 'vscode-local' || state.localRoot === undefined) {
      throw new Error(
        `the fake workspace.fs only reaches vscode-local: URIs, not ${uri.toString()}`,
      );
    }
    return nodePath.join(state.localRoot, uri.path);
  };
  const fsError = (error: unknown): Error => {
    const code = (error as { code?: string }).code;
    // vscode.FileSystemError's codes, as the editor reports them.
    return Object.assign(new Error(String(error)), {
      code: code === 'ENOENT' ? 'FileNotFound' : code === 'EACCES' ? 'NoPermissions' : 'Unknown',
    });
  };
  const wrap =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work(...args);
      } catch (error) {
        throw fsError(error);
      }
    };
  return {
    readFile: wrap(async (uri: Uri) => new Uint8Array(await nodeFs.readFile(onDisk(uri)))),
    // As the editor's disk provider does: no mode of its own (0666 less the umask).
    writeFile: wrap(async (uri: Uri, content: Uint8Array) =>
      nodeFs.writeFile(onDisk(uri), content),
    ),
    createDirectory: wrap(async (uri: Uri) => {
      await nodeFs.mkdir(onDisk(uri), { recursive: true });
    }),
    readDirectory: wrap(async (uri: Uri) =>
      (await nodeFs.readdir(onDisk(uri), { withFileTypes: true })).map(
        (entry) => [entry.name, entry.isDirectory() ? 2 : 1] as [string, number],
      ),
    ),
  };
}
