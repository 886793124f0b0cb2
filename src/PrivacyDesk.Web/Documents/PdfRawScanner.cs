using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// A byte-level scan of a PDF that needs no parser to agree with it: every name token in the file (with #xx escapes
/// decoded, so <c>/J#61vaScript</c> is <c>/JavaScript</c>) is compared with the names of scripts, automatic actions and
/// embedded payloads. The object streams (<c>/Type /ObjStm</c>, where a PDF 1.5+ file may hide its dictionaries
/// compressed) are inflated, within a size budget, and scanned the same way.
/// </summary>
/// <remarks>
/// Long names (<c>/JavaScript</c>, <c>/Launch</c>…) are refused anywhere, even inside stream data: they cannot occur
/// there by chance. The two-letter names <c>/JS</c> and <c>/AA</c> are refused outside stream data and inside
/// object streams; in other stream data (compressed images, fonts) three random bytes would match them too often.
/// Object streams and cross-reference streams are only accepted with no filter or a single FlateDecode, so that the
/// parser that runs after this scan never inflates anything larger than the budget allows.
/// </remarks>
internal static class PdfRawScanner
{
    /// <summary>Refused wherever they occur: scripts, actions that run or open something, embedded files and media.</summary>
    internal static readonly FrozenSet<string> ForbiddenEverywhere = new[]
    {
        "JavaScript",       // JavaScript actions and the document-level /Names /JavaScript tree
        "Launch",           // runs a program or opens a file
        "EmbeddedFile",     // an attached file stream
        "EmbeddedFiles",    // the /Names tree of attachments
        "FileAttachment",   // attachment annotation
        "RichMedia",        // Flash/video annotations, which can script
        "XFA",              // XML forms, which carry their own scripts
        "Rendition",        // rendition actions may carry /JS
        "GoToE",            // jump into an embedded document
        "GoToR",            // open another file
        "SubmitForm",       // send data out
        "ImportData",       // read data in
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refused outside ordinary stream data: script source, and additional (automatic) actions.</summary>
    internal static readonly FrozenSet<string> ForbiddenOutsideStreams = new[] { "JS", "AA" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> FilterNames = new[]
    {
        "FlateDecode", "Fl", "LZWDecode", "LZW", "ASCII85Decode", "A85", "ASCIIHexDecode", "AHx", "RunLengthDecode", "RL",
        "CCITTFaxDecode", "CCF", "DCTDecode", "DCT", "JBIG2Decode", "JPXDecode", "Crypt",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const int MaxNameLength = 127;
    private const int HeaderSearchWindow = 64 * 1024;

    public static PdfRawScan Scan(byte[] pdf, long maxDecodedStreamBytes, long maxDecodedTotalBytes)
    {
        var result = new PdfRawScan();
        var streams = FindStreams(pdf, result);
        if (result.Malformed)
        {
            return result;
        }

        ScanNames(pdf, streams, result, topLevel: true);

        var budget = maxDecodedTotalBytes;
        foreach (var stream in streams)
        {
            var header = HeaderNames(pdf, stream);
            var isObjectStream = header.Contains("ObjStm");
            if (!isObjectStream && !header.Contains("XRef"))
            {
                continue;
            }

            var filters = header.Where(FilterNames.Contains).ToList();
            byte[]? decoded;
            if (filters.Count == 0 && !header.Contains("Filter"))
            {
                decoded = pdf[stream.BodyStart..stream.BodyEnd];
            }
            else if (filters is ["FlateDecode" or "Fl"])
            {
                decoded = Inflate(pdf, stream, Math.Min(maxDecodedStreamBytes, budget));
            }
            else
            {
                decoded = null; // another filter, a chain of filters, or one given by reference
            }

            if (decoded is null)
            {
                result.TooComplex = true;
                return result;
            }

            budget -= decoded.LongLength;
            if (isObjectStream)
            {
                ScanNames(decoded, [], result, topLevel: false);
            }
        }

        return result;
    }

    /// <summary>Every <c>stream</c> keyword (after whitespace or <c>&gt;&gt;</c>, before an end of line) up to the next <c>endstream</c>.</summary>
    private static List<StreamRegion> FindStreams(byte[] pdf, PdfRawScan result)
    {
        var regions = new List<StreamRegion>();
        var span = pdf.AsSpan();
        var from = 0;
        while (from < span.Length)
        {
            var found = span[from..].IndexOf("stream"u8);
            if (found < 0)
            {
                break;
            }

            var keyword = from + found;
            from = keyword + 6;
            if (keyword == 0 || !(IsWhitespace(span[keyword - 1]) || span[keyword - 1] == (byte)'>'))
            {
                continue; // "endstream", or part of a longer word
            }

            var body = keyword + 6;
            if (body < span.Length && span[body] == (byte)'\r')
            {
                body++;
            }

            if (body < span.Length && span[body] == (byte)'\n')
            {
                body++;
            }

            if (body == keyword + 6)
            {
                continue; // not followed by an end of line: not the keyword
            }

            var end = span[body..].IndexOf("endstream"u8);
            if (end < 0)
            {
                result.Malformed = true;
                return regions;
            }

            regions.Add(new StreamRegion(HeaderStart(span, keyword), keyword, body, body + end));
            from = body + end + 9;
        }

        return regions;
    }

    /// <summary>Just after the <c>obj</c> keyword that opens the object whose stream starts at <paramref name="keyword"/>.</summary>
    private static int HeaderStart(ReadOnlySpan<byte> pdf, int keyword)
    {
        var windowStart = Math.Max(0, keyword - HeaderSearchWindow);
        var window = pdf[windowStart..keyword];
        var at = window.Length;
        while (at > 0)
        {
            var found = window[..at].LastIndexOf("obj"u8);
            if (found < 0)
            {
                break;
            }

            var before = found == 0 ? (byte)' ' : window[found - 1];
            var after = found + 3 < window.Length ? window[found + 3] : (byte)' ';
            if ((IsWhitespace(before) || char.IsAsciiDigit((char)before)) && (IsWhitespace(after) || IsDelimiter(after)))
            {
                return windowStart + found + 3;
            }

            at = found;
        }

        return windowStart;
    }

    private static HashSet<string> HeaderNames(byte[] pdf, StreamRegion stream)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var header = pdf.AsSpan(stream.HeaderStart, stream.Keyword - stream.HeaderStart);
        var at = header.IndexOf((byte)'/');
        while (at >= 0)
        {
            var (name, next) = ReadName(header, at + 1);
            if (name is not null)
            {
                names.Add(name);
            }

            var following = header[next..].IndexOf((byte)'/');
            at = following < 0 ? -1 : next + following;
        }

        return names;
    }

    private static void ScanNames(ReadOnlySpan<byte> data, List<StreamRegion> streams, PdfRawScan result, bool topLevel)
    {
        var region = 0;
        var at = data.IndexOf((byte)'/');
        while (at >= 0)
        {
            while (region < streams.Count && streams[region].BodyEnd <= at)
            {
                region++;
            }

            var inStreamData = region < streams.Count && streams[region].BodyStart <= at;
            var (name, next) = ReadName(data, at + 1);
            if (name is not null)
            {
                Judge(name, inStreamData, data[next..], result, topLevel);
            }

            var following = data[next..].IndexOf((byte)'/');
            at = following < 0 ? -1 : next + following;
        }
    }

    private static void Judge(string name, bool inStreamData, ReadOnlySpan<byte> rest, PdfRawScan result, bool topLevel)
    {
        if (ForbiddenEverywhere.Contains(name))
        {
            result.ActiveContent = true;
            return;
        }

        if (inStreamData)
        {
            return;
        }

        if (ForbiddenOutsideStreams.Contains(name))
        {
            result.ActiveContent = true;
        }
        else if (topLevel && name == "Encrypt")
        {
            result.Encrypted = true;
        }
        else if (name == "OpenAction")
        {
            // A destination ([page /Fit]) is harmless; an inline action dictionary is not. A reference is judged by the parser.
            var value = rest.TrimStart(" \t\r\n\f\0"u8);
            if (!value.IsEmpty && value[0] == (byte)'<')
            {
                result.ActiveContent = true;
            }
        }
    }

    /// <summary>Reads the name after a '/', decoding #xx escapes. Null for names longer than PDF allows.</summary>
    private static (string? Name, int Next) ReadName(ReadOnlySpan<byte> data, int start)
    {
        Span<byte> buffer = stackalloc byte[MaxNameLength];
        var length = 0;
        var tooLong = false;
        var position = start;
        while (position < data.Length && !IsWhitespace(data[position]) && !IsDelimiter(data[position]))
        {
            var b = data[position];
            if (b == (byte)'#' && position + 2 < data.Length && IsHex(data[position + 1]) && IsHex(data[position + 2]))
            {
                b = (byte)((HexValue(data[position + 1]) << 4) | HexValue(data[position + 2]));
                position += 3;
            }
            else
            {
                position++;
            }

            if (length < buffer.Length)
            {
                buffer[length++] = b;
            }
            else
            {
                tooLong = true;
            }
        }

        return (tooLong || length == 0 ? null : Encoding.Latin1.GetString(buffer[..length]), position);
    }

    /// <summary>
    /// Inflates a FlateDecode stream the way PDF parsers do (skip the two zlib header bytes, raw deflate), stopping
    /// past <paramref name="limit"/>. Null when larger than the limit; what was decoded when the data turns out corrupt.
    /// </summary>
    private static byte[]? Inflate(byte[] pdf, StreamRegion stream, long limit)
    {
        var length = stream.BodyEnd - stream.BodyStart;
        if (length <= 2)
        {
            return [];
        }

        using var input = new MemoryStream(pdf, stream.BodyStart + 2, length - 2, writable: false);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81_920];
        try
        {
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                if (output.Length + read > limit)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            // Keep what was decoded: a lenient parser may use it too.
        }

        return output.ToArray();
    }

    private static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private readonly record struct StreamRegion(int HeaderStart, int Keyword, int BodyStart, int BodyEnd);
}

internal sealed class PdfRawScan
{
    /// <summary>A <c>stream</c> without <c>endstream</c>.</summary>
    public bool Malformed { get; set; }

    /// <summary>An <c>/Encrypt</c> entry outside stream data (the trailer or a cross-reference stream).</summary>
    public bool Encrypted { get; set; }

    public bool ActiveContent { get; set; }

    /// <summary>An object or cross-reference stream that is too large decoded, or uses filters other than FlateDecode.</summary>
    public bool TooComplex { get; set; }
}
