using System.Reflection;
using Pipes.Core.Compile;
using Pipes.Core.Identity;
using Pipes.Core.Steps;

namespace Pipes.Tests.Compile;

/// <summary>A compiled node is data: what runs is in its members, not in closures the compiled file cannot show.</summary>
public sealed class CompiledNodeIsDataTests
{
    [Fact]
    public void No_member_reachable_from_a_compiled_node_is_a_delegate()
    {
        var roots = new[] { typeof(CompiledNode) }
            .Concat(typeof(HostStep).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(HostStep))));
        var seen = new HashSet<Type>();
        var delegates = new List<string>();
        void Visit(Type type, string path)
        {
            if (typeof(Delegate).IsAssignableFrom(type)) { delegates.Add(path); return; }
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) Visit(argument, path + "<" + argument.Name + ">");
            if (type.IsArray) Visit(type.GetElementType()!, path + "[]");
            if (type.Namespace?.StartsWith("Pipes.Core", StringComparison.Ordinal) != true || !seen.Add(type)) return;
            foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                Visit(member.PropertyType, $"{type.Name}.{member.Name}");
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                Visit(field.FieldType, $"{type.Name}.{field.Name}");
        }
        foreach (var root in roots) Visit(root, root.Name);

        delegates.ShouldBeEmpty();
    }
}
