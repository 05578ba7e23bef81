namespace Pipes.Core.Diagnostics;

/// <summary>Stable codes: users search for them, tests assert them. Never renumber.</summary>
public static class DiagnosticCodes
{
    // 00xx: reading files
    public const string MalformedYaml = "PIPES0001";
    public const string UnknownKey = "PIPES0002";
    public const string WrongType = "PIPES0003";
    public const string MissingKey = "PIPES0004";
    public const string DuplicateName = "PIPES0005";
    public const string DuplicateKey = "PIPES0006";
    public const string InvalidValue = "PIPES0007";
    public const string MissingFile = "PIPES0008";
    public const string MalformedCsv = "PIPES0009";

    // 0010: one table, one owner
    public const string TableNameTaken = "PIPES0010";

    // 0020-0049: file limits and shapes (issue 19)
    public const string LimitReached = "PIPES0020";
    public const string RecursiveAlias = "PIPES0021";
    public const string SecondDocument = "PIPES0022";
    public const string EmptyModel = "PIPES0023";

    // 006x: destination settings
    public const string DestinationSettingOutOfRange = "PIPES0060";

    // 007x: warehouse-native Amplitude destinations (amplitude_profiles, amplitude_mirror)
    public const string DestinationKeyNotForKind = "PIPES0070";
    public const string RetentionOutOfRange = "PIPES0071";
    public const string UnknownEventsRelation = "PIPES0072";

    // 01xx: templates and references
    public const string UnknownRef = "PIPES0101";
    public const string UnknownSource = "PIPES0102";
    public const string UnknownVar = "PIPES0103";
    public const string MissingEnvVar = "PIPES0104";
    public const string TemplateError = "PIPES0105";
    public const string ConfigWithoutModel = "PIPES0106";
    public const string UnknownColumn = "PIPES0107";
    public const string UnusedTemplateOverride = "PIPES0108";

    // 02xx: the graph
    public const string CyclicDependency = "PIPES0201";
    public const string BadSelector = "PIPES0202";
    public const string NothingSelected = "PIPES0203";

    // 03xx: profiles and targets
    public const string UnknownProfile = "PIPES0301";
    public const string UnknownTarget = "PIPES0302";
    public const string UnknownOutputType = "PIPES0303";

    // 05xx: identity rules and declarations
    public const string UnknownIdType = "PIPES0501";
    public const string DuplicatePriority = "PIPES0502";
    public const string InvalidRegex = "PIPES0503";
    public const string IdentifiersWithoutIdentity = "PIPES0504";
    public const string IdentityWithoutIdentifiers = "PIPES0505";

    // 052x: incremental identity inputs
    public const string BadIteratorType = "PIPES0520";
    public const string BadLookback = "PIPES0521";
    public const string IncrementalWithoutIdentifiers = "PIPES0522";

    // 053x: incremental property models
    public const string UniqueKeyWithoutIterator = "PIPES0530";

    // 0080-0089: Amplitude Export API ingest settings
    public const string IngestInvalidSetting = "PIPES0080";
    public const string IngestUnknownSource = "PIPES0081";
    public const string IngestBadHour = "PIPES0082";

    // 09xx: running
    public const string NodeFailed = "PIPES0901";
    public const string PushFailed = "PIPES0902";
    public const string NodeInterrupted = "PIPES0903";

    // 0950-0959: published outputs
    public const string UnknownOutput = "PIPES0950";

    // 096x: pipes parity
    public const string ParityDifference = "PIPES0960";
    public const string ParityTableUnreadable = "PIPES0961";
    public const string ParitySameTarget = "PIPES0962";
    public const string ParityBuildFailed = "PIPES0963";

    // 098x: pipes ingest
    public const string IngestFailed = "PIPES0980";
    // pipes deploy (docs/deploy.md)
    public const string DeployScheduleInvalid = "PIPES0090";
    public const string DeployUnknownStreamInput = "PIPES0091";
    public const string DeployComputeConflict = "PIPES0092";
    public const string DeployTimeZoneInvalid = "PIPES0093";
    public const string DeployNotConfigured = "PIPES0990";
    public const string DeployTargetUnsupported = "PIPES0991";
    public const string DeployNodeNotDeployable = "PIPES0992";
    public const string DeployStatementFailed = "PIPES0993";
    // 097x: warehouse-native Amplitude destinations at run time
    public const string WarehouseDestinationFailed = "PIPES0970";
    // 012x: options of show, ls, clean and retry (docs/commands.md)
    public const string ShowInvalidRequest = "PIPES0120";
    public const string ShowUnknownName = "PIPES0121";
    public const string UnknownResourceType = "PIPES0122";
    public const string CleanTargetOutsideProject = "PIPES0123";
    // 101x: commands that read what an earlier build or run left (docs/commands.md)
    public const string NotBuiltYet = "PIPES1010";
    public const string NoRunResults = "PIPES1011";
    public const string RunResultsUnreadable = "PIPES1012";
    public const string RetryUnsupportedCommand = "PIPES1013";
    public const string ShowDuplicateColumn = "PIPES1014";
    // 013x: selection against a previous state, names that cannot be selected
    public const string StateMissing = "PIPES0130";
    public const string StateUnreadable = "PIPES0131";
    public const string UnselectableName = "PIPES0132";
    public const string DeferWithoutState = "PIPES0133";
    public const string BadThreads = "PIPES0134";
    // 102x: run scheduling and logs
    public const string RunLogUnwritable = "PIPES1020";
    // 1000-1009: pipes plan (docs/plan.md)
    public const string PlanTargetNotBuilt = "PIPES1000";
    public const string PlanNoSchema = "PIPES1001";
    public const string PlanNoIdentity = "PIPES1002";
    public const string PlanShadowBuildFailed = "PIPES1003";
    public const string PlanDestinationFailed = "PIPES1004";
    public const string PlanApplyFailed = "PIPES1005";
}
