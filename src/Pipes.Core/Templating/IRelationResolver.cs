using Pipes.Core.Yaml;

namespace Pipes.Core.Templating;

/// <summary>Turns <c>ref</c> and <c>source</c> calls into relation names, recording or checking them.</summary>
public interface IRelationResolver
{
    string Ref(Located<string> name);

    string Source(Located<string> source, Located<string> table);
}
