using Pipes.Core.Diagnostics;

namespace Pipes.Core.Templating;

/// <summary>One rule for <c>env_var</c> everywhere: the variable, else the default, else an error at the call.</summary>
public static class EnvVarLookup
{
    public static string Get(string name, string? fallback, Func<string, string?> environment, SourceSpan span, DiagnosticBag bag)
    {
        var value = environment(name);
        if (value is not null) return value;
        if (fallback is not null) return fallback;
        bag.Error(DiagnosticCodes.MissingEnvVar, span, $"environment variable '{name}' is not set and has no default",
            $"set it, or write {{{{ env_var '{name}' 'default' }}}}");
        return "";
    }
}
