using System.Security.Cryptography;
using System.Text;

namespace Pipes.Tests.TestKit;

/// <summary>
/// Profile ids as docs/identity.md defines them, written out independently of the SQL that computes them in the
/// warehouse: <c>pf_</c> + the first 20 lowercase hex digits of SHA-256 of UTF-8 <c>type:value</c> of the canonical member.
/// </summary>
public static class ProfileIds
{
    public static string For(string type, string value) =>
        "pf_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type + ":" + value)))[..20];
}
