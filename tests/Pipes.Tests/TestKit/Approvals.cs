namespace Pipes.Tests.TestKit;

/// <summary>
/// Approved-file snapshots (dbt-goldie's habit): a mismatch writes <c>.received.</c> beside the approved file and fails;
/// <c>PIPES_APPROVE=1 dotnet test</c> accepts the received text as the new approved file.
/// </summary>
public static class Approvals
{
    public static void Verify(string name, string extension, string received)
    {
        var folder = Path.Combine(RepoPaths.TestsDirectory, "Approved");
        Directory.CreateDirectory(folder);
        var approvedPath = Path.Combine(folder, $"{name}.approved.{extension}");
        var receivedPath = Path.Combine(folder, $"{name}.received.{extension}");
        received = received.ReplaceLineEndings("\n");
        if (System.Environment.GetEnvironmentVariable("PIPES_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, received);
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved == received)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        throw new Xunit.Sdk.XunitException(approved is null
            ? $"no approved file {approvedPath}; review {receivedPath} and run with PIPES_APPROVE=1 to accept it"
            : $"{approvedPath} differs from what was produced; diff it with {receivedPath}, and run with PIPES_APPROVE=1 to accept the change");
    }
}
