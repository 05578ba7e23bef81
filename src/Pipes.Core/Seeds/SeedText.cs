using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Pipes.Core.Diagnostics;

namespace Pipes.Core.Seeds;

/// <summary>Reads a seed file as UTF-8, refusing bytes that are not UTF-8 rather than replacing them.</summary>
public static class SeedText
{
    /// <summary>
    /// The file's text without a leading UTF-8 byte order mark, or null with an error at the line and column of the
    /// first invalid byte. Replacing invalid bytes with U+FFFD (as <see cref="File.ReadAllText(string)"/> does) would
    /// make <c>jos\xE9</c> and <c>jos\xE8</c> of a Latin-1 export the same value.
    /// </summary>
    public static string? Read(string fullPath, string displayPath, DiagnosticBag bag)
    {
        var bytes = File.ReadAllBytes(fullPath).AsSpan();
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            // A UTF-16 text never has more chars than its UTF-8 has bytes.
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done) return new string(chars, 0, written);
            var before = chars.AsSpan(0, written);
            var line = before.Count('\n') + 1;
            var column = written - (before.LastIndexOf('\n') + 1) + 1;
            bag.Error(DiagnosticCodes.MalformedCsv, SourceSpan.At(displayPath, line, column),
                string.Create(CultureInfo.InvariantCulture, $"the seed is not UTF-8: byte 0x{bytes[read]:X2} here is not valid UTF-8 (a Latin-1 or Windows-1252 export?)"),
                "re-save it as UTF-8");
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
