using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Plan;

namespace Pipes.Core.Tasks;

/// <summary>Load, plan and compile, stopping between stages when a stage reported an error.</summary>
public sealed record ProjectSession(Project Project, ExecutionPlan Plan, IReadOnlyList<CompiledNode> Compiled)
{
    public static ProjectSession? Open(CommandOptions options, TaskOutput output)
    {
        var (project, bag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        var plan = project is null || bag.HasErrors ? null : Planner.Plan(project, options.Select, options.Exclude, bag);
        IReadOnlyList<CompiledNode>? compiled = null;
        if (project is not null && plan is not null && !bag.HasErrors)
        {
            var catalog = new TemplateCatalog(project.RootDirectory, bag);
            var compiler = new Compiler(project, catalog, new CompileOptions { FullRefresh = options.FullRefresh });
            if (!bag.HasErrors) compiled = compiler.CompileAll(plan.Selected, bag);
        }
        output.Diagnostics(bag);
        return bag.HasErrors || compiled is null ? null : new ProjectSession(project!, plan!, compiled);
    }
}
