namespace Keel;

/// <summary>What happens to a target's dependencies when the target itself is skipped.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies are skipped too, unless another running target still needs them.</summary>
    Skip,

    /// <summary>Dependencies run anyway.</summary>
    Execute,
}
