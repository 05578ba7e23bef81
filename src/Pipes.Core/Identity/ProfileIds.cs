using System.Security.Cryptography;
using System.Text;

namespace Pipes.Core.Identity;

/// <summary>Profile ids of section 7, computed host-side (SQL renders the same with its sha256).</summary>
public static class ProfileIds
{
    public const string Prefix = "pf_";
    public const int HexDigits = 20;

    /// <summary><c>pf_</c> + the first 20 lowercase hex digits of SHA-256 of UTF-8 <c>type:value</c> of the canonical member.</summary>
    public static string For(string type, string value)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(type + ":" + value));
        return Prefix + Convert.ToHexStringLower(hash)[..HexDigits];
    }
}
