namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The actions a workflow may use, each mapped to a local equivalent that behaves like it (by owner/name; the pinned
/// version is GitHub's business). Any other action fails the step, naming it, so a new action cannot slip into a
/// workflow untested. Inputs an action does not have are warned about, as the runner warns.
/// </summary>
internal static class LocalActions
{
    private static readonly Dictionary<string, (string[] Inputs, Func<LocalActionContext, OrderedMap, IReadOnlyDictionary<string, string>> Run)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["actions/checkout"] = (["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean",
            "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory",
            "github-server-url"], Checkout),
        // The machine has the SDK global.json names, and the NuGet cache is this machine's: nothing to set up or restore.
        ["actions/setup-dotnet"] = (["dotnet-version", "dotnet-quality", "global-json-file", "source-url", "owner", "config-file", "cache", "cache-dependency-path"],
            (context, _) => NoOp(context, "the .NET SDK is this machine's")),
        ["actions/cache"] = (["path", "key", "restore-keys", "upload-chunk-size", "enableCrossOsArchive", "fail-on-cache-miss", "lookup-only", "save-always"],
            (context, _) => NoOp(context, "the NuGet cache is this machine's", ("cache-hit", "false"))),
        ["docker/setup-qemu-action"] = (["image", "platforms", "cache-image"], SetUpQemu),
        ["actions/upload-artifact"] = (["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files"], ArtifactActions.Upload),
        ["actions/download-artifact"] = (["name", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id"], ArtifactActions.Download),
        ["actions/attest-build-provenance"] = (["subject-path", "subject-name", "subject-digest", "subject-checksums", "push-to-registry", "show-summary", "github-token"], Attest),
    };

    public static IReadOnlyDictionary<string, string> Run(string uses, OrderedMap with, LocalActionContext context)
    {
        var name = uses.Split('@')[0];
        if (name.Split('/').Length > 2)
            name = string.Join('/', name.Split('/').Take(2));
        if (!Known.TryGetValue(name, out var action))
            throw new WorkflowException($"uses: {uses} has no local equivalent in the workflow harness (it runs {string.Join(", ", Known.Keys)}); add one that behaves like it, with a test, before a workflow uses it.");
        var unexpected = with.Keys.Where(key => !action.Inputs.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unexpected.Count > 0)
            context.Log($"Warning: Unexpected input(s) '{string.Join("', '", unexpected)}', valid inputs are ['{string.Join("', '", action.Inputs)}']");
        return action.Run(context, with);
    }

    private static IReadOnlyDictionary<string, string> NoOp(LocalActionContext context, string why, params (string Name, string Value)[] outputs)
    {
        context.Log($"(nothing to do here: {why})");
        return outputs.ToDictionary(o => o.Name, o => o.Value);
    }

    internal static string? Input(OrderedMap with, string name) => with.GetValueOrDefault(name) is { } value ? ExpressionValues.ToText(value) : null;

    internal static bool Flag(OrderedMap with, string name, bool otherwise) => Input(with, name) is { } text ? text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) : otherwise;

    /// <summary>
    /// A fresh checkout of the event's ref, made as actions/checkout makes it (fetch-depth 0: every branch and tag; N: the
    /// commit alone, that deep, without tags). It is seeded with the build this repository compiled (CompiledBuild), as
    /// the other end-to-end tests' checkouts are, so a job does not compile build/ again; the app is compiled by the job.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Checkout(LocalActionContext context, OrderedMap with)
    {
        foreach (var unsupported in new[] { "repository", "sparse-checkout", "filter", "submodules", "lfs", "ssh-key" })
        {
            if (Input(with, unsupported) is { Length: > 0 } value && !(unsupported is "submodules" or "lfs" && value == "false"))
                throw new WorkflowException($"actions/checkout's {unsupported}: is not run by the workflow harness; add it with a test before a workflow uses it.");
        }

        var depthText = Input(with, "fetch-depth") ?? "1";
        if (!int.TryParse(depthText, out var depth) || depth < 0)
            throw new WorkflowException($"actions/checkout's fetch-depth '{depthText}' is not a number of commits (0 for all history).");
        var reference = Input(with, "ref") is { Length: > 0 } asked ? asked : context.Runner["GITHUB_REF"];
        var sha = reference == context.Runner["GITHUB_REF"] ? context.Runner["GITHUB_SHA"] : null;
        var target = Input(with, "path") is { Length: > 0 } path ? Path.GetFullPath(Path.Combine(context.Workspace, path)) : context.Workspace;
        if (!target.StartsWith(context.Workspace, StringComparison.Ordinal))
            throw new WorkflowException($"actions/checkout's path '{Input(with, "path")}' is outside the workspace.");
        // The checkout is the job's workspace: it stays until the run is disposed.
        var checkout = ThrowawayRepository.CheckedOutLikeGitHubActions(context.Origin, reference, target, depth, sha);
        var commit = checkout.HeadCommit;
        context.Log($"Checked out {reference} at {commit} into {target} (fetch-depth {depth}{(depth == 0 ? ": every branch and tag" : "")}); the compiled build was seeded into it.");
        return new Dictionary<string, string> { ["ref"] = reference, ["commit"] = commit };
    }

    private static IReadOnlyDictionary<string, string> SetUpQemu(LocalActionContext context, OrderedMap with)
    {
        var platforms = (Input(with, "platforms") ?? "all").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("linux/", StringComparison.Ordinal) ? p["linux/".Length..] : p).ToList();
        if (platforms.Contains("all"))
            platforms = ["arm64"];
        foreach (var platform in platforms)
            context.Log(EmulationSetup.Ensure(platform.Split('/')[0]));
        return new Dictionary<string, string> { ["platforms"] = string.Join(',', platforms.Select(p => $"linux/{p}")) };
    }

    /// <summary>
    /// The subject actions/attest-build-provenance would sign and store, recorded. Like the action, it needs the job's
    /// id-token: write and attestations: write, and a sha256 digest.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Attest(LocalActionContext context, OrderedMap with)
    {
        foreach (var permission in new[] { "id-token", "attestations" })
        {
            if (!(context.Permissions.GetValueOrDefault(permission) is "write" || context.Permissions.ContainsKey("write-all")))
                throw new WorkflowException($"actions/attest-build-provenance needs the permission {permission}: write, which job {context.Job} does not have.");
        }

        if (Flag(with, "push-to-registry", false))
            throw new WorkflowException("actions/attest-build-provenance's push-to-registry: true is not run by the workflow harness (the attestation would go to the registry).");
        var name = Input(with, "subject-name") ?? "";
        var digest = Input(with, "subject-digest") ?? "";
        if (name.Length == 0 || digest.Length == 0)
            throw new WorkflowException($"actions/attest-build-provenance: subject-name and subject-digest must both be given (they are '{name}' and '{digest}').");
        if (!System.Text.RegularExpressions.Regex.IsMatch(digest, "^sha256:[0-9a-f]{64}$"))
            throw new WorkflowException($"actions/attest-build-provenance: subject-digest must be in the format \"sha256:<hex-digest>\", not '{digest}'.");
        context.Attest(new ProvenanceSubject(context.Job, name, digest));
        context.Log($"Attested {name}@{digest} (recorded here; GitHub signs it and keeps it in the attestation store).");
        return new Dictionary<string, string> { ["bundle-path"] = Path.Combine(context.RunnerTemp, "attestation.jsonl"), ["attestation-id"] = "1" };
    }
}
