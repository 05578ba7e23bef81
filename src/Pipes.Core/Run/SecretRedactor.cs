using System.Collections.Concurrent;

namespace Pipes.Core.Run;

/// <summary>
/// Replaces secret values with <c>***</c> before text reaches <c>target/pipes.log</c>. Secrets are the values of the
/// profile's credential settings and of every environment variable read whose name has a secret word as one of its
/// <c>_</c>-separated parts (KEY, TOKEN, SECRET, PASSWORD, PASSPHRASE, PAT, CREDENTIALS…), whether the project read it
/// or it is set in this process.
/// </summary>
public sealed class SecretRedactor
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "PASSPHRASE", "PAT", "CREDENTIAL", "CREDENTIALS", "AUTH",
    };

    /// <summary>Profile settings that hold credentials.</summary>
    public static readonly IReadOnlyList<string> SecretSettings = ["token", "private_key", "private_key_passphrase", "password"];

    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    public SecretRedactor()
    {
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            Observe((string)e.Key, e.Value as string);
    }

    public static bool IsSecretName(string name) => name.Split('_', '-', '.').Any(SecretWords.Contains);

    /// <summary>An environment variable was read: its value is kept when its name says it is a secret.</summary>
    public void Observe(string name, string? value)
    {
        if (IsSecretName(name)) Add(value);
    }

    public void Add(string? secret)
    {
        // Very short values would blank out ordinary text; they are no secret worth the name either.
        if (secret is { Length: >= 4 }) _values.TryAdd(secret, 0);
    }

    /// <summary>Wraps an environment lookup so every secret it returns is known here.</summary>
    public Func<string, string?> Watch(Func<string, string?> environment) => name =>
    {
        var value = environment(name);
        Observe(name, value);
        return value;
    };

    public string Redact(string text)
    {
        // Longest first, so a secret containing another is replaced whole.
        foreach (var secret in _values.Keys.OrderByDescending(s => s.Length))
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
