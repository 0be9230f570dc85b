namespace Keel;

/// <summary>
/// A target, declared as a property: <c>Target Compile => _ => _.DependsOn(Restore).Executes(...)</c>.
/// The delegate receives an empty definition and returns it configured.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
