using System.Security.Cryptography;
using System.Text;

namespace Pipes.Core;

/// <summary>The checksum of a file's or a statement's text, as dbt writes it in manifest.json (lowercase SHA-256 hex).</summary>
public static class ContentHash
{
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
