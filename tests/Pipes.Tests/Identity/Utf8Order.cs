using System.Text;

namespace Pipes.Tests.Identity;

/// <summary>
/// Byte-wise order of the UTF-8 encodings (section 3). Not <see cref="string.CompareOrdinal(string, string)"/>:
/// that compares UTF-16 code units, which orders supplementary characters (surrogates) before U+E000..U+FFFF,
/// while UTF-8 bytes put them after.
/// </summary>
public sealed class Utf8Order : IComparer<string?>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null)
            return y is null ? 0 : -1;
        if (y is null)
            return 1;
        var a = Encoding.UTF8.GetBytes(x);
        var b = Encoding.UTF8.GetBytes(y);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
                return a[i].CompareTo(b[i]);
        }

        return a.Length.CompareTo(b.Length);
    }
}
