namespace Pipes.Core.Deploy;

/// <summary>One DDL statement of a deploy and what it creates, e.g. ("procedure", CREATE OR REPLACE PROCEDURE ...).</summary>
public sealed record DeployStatement(string What, string Sql);
