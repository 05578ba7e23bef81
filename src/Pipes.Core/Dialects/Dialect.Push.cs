namespace Pipes.Core.Dialects;

/// <summary>What the pusher's bookkeeping needs beyond plain SQL.</summary>
public abstract partial class Dialect
{
    /// <summary>
    /// The sorted, distinct union of the strings of a JSON array and the keys of a JSON object, as JSON array text.
    /// Either side may be NULL or malformed (it then adds nothing). The push state uses it to remember every key
    /// Amplitude may hold for an identity.
    /// </summary>
    public abstract string JsonKeyUnion(string arrayText, string objectText);
}
