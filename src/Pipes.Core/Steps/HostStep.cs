namespace Pipes.Core.Steps;

/// <summary>Work a node does in the host process between its SQL statements; the runner knows each kind.</summary>
public abstract record HostStep
{
    /// <summary>The step as commented SQL for the compiled file: what it reads and what it writes.</summary>
    public abstract IEnumerable<string> Describe();
}
