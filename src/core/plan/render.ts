import { LIFECYCLE_HOOKS, type LifecycleCommand } from '../config/types';
import { describeSize } from './sizes';
import type { Plan } from './types';

/**
 * The plan as text for people (the terminal, the editor's output). Commands
 * are shown shell-quoted so they can be read and copied; Slipway itself never
 * runs them through a shell.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteForDisplay(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) {
    return arg;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function describeCommand(command: LifecycleCommand): string {
  if (typeof command === 'string') {
    return command;
  }
  if (Array.isArray(command)) {
    return command.map(quoteForDisplay).join(' ');
  }
  return Object.entries(command)
    .map(([name, entry]) => `[${name}] ${describeCommand(entry)}`)
    .join('; ');
}

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  const rosetta = plan.platform.rosetta ? ', Rosetta' : '';
  lines.push(`Slipway plan for ${plan.workspaceFolder}`);
  lines.push(`  config     ${plan.configFile}`);
  lines.push(`  container  ${plan.containerName}`);
  lines.push(`  image      ${plan.image}`);
  lines.push(
    `  resources  ${plan.resources.cpus} CPUs (${plan.resources.cpusFrom}), ${plan.resources.memory} memory (${plan.resources.memoryFrom}), ${plan.platform.platform}${rosetta}`,
  );
  lines.push(`  workspace  ${plan.remoteWorkspaceFolder}`);
  if (plan.remoteUser !== undefined) {
    lines.push(`  user       ${plan.remoteUser}`);
  }
  for (const [index, volume] of (plan.volumeFolders ?? []).entries()) {
    // On a volume, not the Mac: the folder's files are no longer visible in the workspace on the host.
    lines.push(
      `  ${index === 0 ? 'on volume ' : '          '} ${volume.folder} -> ${volume.volume} (from ${volume.from})`,
    );
  }
  if (plan.compose !== undefined) {
    lines.push('', ...composeLines(plan.compose));
  }
  if (plan.features !== undefined) {
    lines.push('', ...plan.features.lines);
  }
  lines.push('', 'Commands:');
  plan.commands.forEach((command, index) => {
    lines.push(`  ${index + 1}. ${command.description}`);
    lines.push(`     ${command.argv.map(quoteForDisplay).join(' ')}`);
    if (command.requires.length > 0) {
      const flags = command.requires.map((r) => `${r.flag} ${r.since}`).join(', ');
      lines.push(`     needs container ${command.minimumVersion} or newer (${flags})`);
    }
  });
  const hooks = LIFECYCLE_HOOKS.filter((hook) => plan.lifecycle[hook] !== undefined);
  lines.push('', `Lifecycle (the editor waits for ${plan.lifecycle.waitFor}):`);
  if (hooks.length === 0) {
    lines.push('  none');
  }
  for (const hook of hooks) {
    const step = plan.lifecycle[hook];
    if (step === undefined) {
      continue;
    }
    const where = step.runsOn === 'host' ? 'on the host' : 'in the container';
    lines.push(`  ${hook} (${where}, ${step.when}):`);
    for (const entry of step.commands) {
      lines.push(`    ${entry.origin}: ${describeCommand(entry.command)}`);
    }
  }
  if (plan.forwardPorts.length > 0) {
    lines.push('', `Forwarded ports: ${plan.forwardPorts.join(', ')}`);
  }
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of plan.warnings) {
      lines.push(`  - ${warning.property}: ${warning.message}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The project at a glance: its services in start order, with what each VM reserves. */
function composeLines(compose: NonNullable<Plan['compose']>): string[] {
  const lines = [
    `Compose project ${compose.project} (${compose.files.join(', ')}), in start order:`,
  ];
  for (const service of compose.services) {
    const role = service.role === 'primary' ? ', dev container' : '';
    const depends = service.dependsOn.map((d) => `${d.service} (${d.condition})`).join(', ');
    lines.push(
      `  ${service.name}  ${service.containerName}  ${service.cpus} CPUs, ${service.memory} memory${role}`,
    );
    if (depends !== '') {
      lines.push(`    after ${depends}`);
    }
    if (service.ports.length > 0) {
      lines.push(`    ports ${service.ports.join(', ')}`);
    }
    const inline = compose.inlineDockerfiles[service.name];
    if (inline !== undefined) {
      // The build reads it from a Slipway temporary file: the plan is where people see it.
      lines.push('    dockerfile_inline (written to a temporary file for the build):');
      lines.push(
        ...inline
          .trimEnd()
          .split('\n')
          .map((line) => `      ${line}`),
      );
    }
    const shared = service.sharesNetworkWith;
    if (shared !== undefined) {
      const and = (ports: readonly number[]) =>
        ports.length > 0 ? ` (and its ports ${ports.join(', ')})` : '';
      lines.push(
        `    network_mode service:${shared.service}: bridged both ways once both run: what ${shared.service} listens on${and(shared.ports)} to this container's 127.0.0.1, what this one listens on${and(shared.ownPorts)} to ${shared.service}'s`,
      );
    }
  }
  if (compose.dnsDomain !== undefined) {
    lines.push(
      `  DNS: containers are named under ${compose.dnsDomain} (registered with container system dns create), so each service also resolves by real DNS`,
    );
  }
  lines.push(`  memory reserved in total: ${describeSize(compose.totalMemoryBytes)}`);
  return lines;
}
