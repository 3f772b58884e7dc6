// vscode-languageclient registers each command the server lists in executeCommandProvider as a VS
// Code command, and one that is already taken (vscode-go's `gopls.*` while its language server is
// on) makes the whole start fail. This keeps the registration to the commands still free.
import type { DynamicFeature, ExecuteCommandOptions, RegistrationData } from 'vscode-languageclient/node';

/** Wraps the feature's `register` so it leaves out `taken` commands, reporting them to `skipped`. */
export function registerOnlyFreeCommands(feature: DynamicFeature<ExecuteCommandOptions>, taken: ReadonlySet<string>,
  skipped: (commands: string[]) => void): void {
  const register = feature.register.bind(feature);
  feature.register = (data: RegistrationData<ExecuteCommandOptions>) => {
    const all = data.registerOptions.commands ?? [];
    const free = all.filter((c) => !taken.has(c));
    if (free.length < all.length) {
      skipped(all.filter((c) => taken.has(c)));
    }
    register({ ...data, registerOptions: { ...data.registerOptions, commands: free } });
  };
}
