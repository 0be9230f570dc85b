namespace Keel.Containers;

/// <summary>
/// Pure: a Dockerfile's stages as the builder will see them, after its global ARGs, the build arguments and the
/// platform arguments are put into each FROM. Read with <see cref="DockerfileReader"/>.
/// </summary>
/// <param name="Path">Where it was read from, for messages.</param>
/// <param name="Lines">Its physical lines, for rewriting.</param>
/// <param name="Stages">Its stages in order.</param>
/// <param name="GlobalArgs">The ARGs declared before the first FROM.</param>
internal sealed record Dockerfile(string Path, IReadOnlyList<string> Lines, IReadOnlyList<DockerfileStage> Stages, IReadOnlyList<string> GlobalArgs)
{
    /// <summary>
    /// The images the build of <paramref name="target"/> (null: the last stage) reads from a registry, in file order: the
    /// FROM of each stage it needs and each <c>COPY --from</c> or <c>RUN --mount=from=</c> that names an image. BuildKit
    /// builds only the stages the target depends on; the classic builder builds every stage up to the target.
    /// </summary>
    public IReadOnlyList<DockerfileImage> ExternalImages(string? target, bool skipsUnusedStages)
    {
        if (Stages.Count == 0)
            throw new BuildException($"{Path} has no FROM instruction; a Dockerfile starts its first stage with FROM <image>.");
        var last = target is null ? Stages[^1] : Stages.FirstOrDefault(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase))
            ?? throw new BuildException($"{Path} has no stage named '{target}' to build; its stages are {string.Join(", ", Stages.Select(s => s.Name ?? s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)))}.");
        var needed = new SortedSet<int>();
        if (skipsUnusedStages)
        {
            var pending = new Stack<int>([last.Index]);
            while (pending.TryPop(out var index))
            {
                if (!needed.Add(index))
                    continue;
                foreach (var source in Stages[index].Sources.Where(s => s.Stage is not null))
                    pending.Push(source.Stage!.Value);
            }
        }
        else
        {
            needed.UnionWith(Enumerable.Range(0, last.Index + 1));
        }

        return [.. needed.SelectMany(i => Stages[i].Sources.Where(s => s.Stage is null && s.Image is not null)
            .Select(s => new DockerfileImage(s.Image!, s.Line, Stages[i].Platform, i, s.IsFrom)))];
    }
}

/// <summary>One stage: its FROM and every other stage or image it reads.</summary>
/// <param name="Index">Its position, from 0.</param>
/// <param name="Name">The name after AS, lowercase; null when it has none.</param>
/// <param name="Line">The line of its FROM (1-based).</param>
/// <param name="Platform">The FROM's <c>--platform</c> after substitution; null when it names none (the build's target platform).</param>
/// <param name="Sources">Its FROM first, then what COPY --from and RUN --mount read.</param>
internal sealed record DockerfileStage(int Index, string? Name, int Line, string? Platform, IReadOnlyList<StageSource> Sources);

/// <summary>What a stage reads: an earlier stage (<see cref="Stage"/>), an image (<see cref="Image"/>), or nothing (scratch).</summary>
internal sealed record StageSource(int Line, bool IsFrom, int? Stage, string? Image, string Written);

/// <summary>An image the build reads from a registry (or the engine's store), where the Dockerfile names it.</summary>
/// <param name="Reference">The image after substitution: <c>mcr.microsoft.com/dotnet/sdk:10.0</c>.</param>
/// <param name="Line">The line that names it (1-based).</param>
/// <param name="Platform">Its stage's <c>--platform</c>; null: the build's target platform.</param>
/// <param name="Stage">The stage that reads it.</param>
/// <param name="IsFrom">True for a FROM, false for COPY --from or RUN --mount.</param>
internal sealed record DockerfileImage(string Reference, int Line, string? Platform, int Stage, bool IsFrom);
