namespace Pipes.Core.Identity;

/// <summary>
/// The identity tables a project publishes (what users query; the working tables are in IdentitySqlModel.Tables).
/// Loading checks <c>outputs.tables</c> against them before anything compiles, so the names live here.
/// </summary>
public static class IdentityOutputs
{
    public const string Graph = "pipes_id_graph";
    public const string Refused = "pipes_id_refused_edges";
    public const string Profiles = "pipes_profiles";
}
