using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// Decides whether an uploaded PDF may be stored. In order: the <c>%PDF-</c> header and an <c>%%EOF</c> near the end;
/// the byte-level scan (<see cref="PdfRawScanner"/>) for encryption, scripts and automatic actions; then PdfPig must
/// open it, find it unencrypted, find no forbidden name in any object of the cross-reference table (including objects
/// inside object streams) and no <c>/OpenAction</c> that is an action rather than a destination, and count 1 to
/// <c>MaxPdfPages</c> pages. Page contents are never parsed or rendered here.
/// </summary>
internal static class PdfInspector
{
    private const int MaxObjects = 50_000;
    private const int MaxDepth = 64;
    private const int EofWindow = 1024;
    private const long MaxDecodedStreamBytes = 16 * DocumentOptions.MiB;
    private const long MaxDecodedTotalBytes = 64 * DocumentOptions.MiB;

    public static DocumentError? Check(byte[] pdf, int maxPages)
    {
        if (!HasHeader(pdf) || !HasEndOfFile(pdf))
        {
            return DocumentErrors.PdfUnreadable();
        }

        var scan = PdfRawScanner.Scan(pdf, MaxDecodedStreamBytes, MaxDecodedTotalBytes);
        if (scan.Malformed)
        {
            return DocumentErrors.PdfUnreadable();
        }

        if (scan.Encrypted)
        {
            return DocumentErrors.PdfEncrypted();
        }

        if (scan.ActiveContent)
        {
            return DocumentErrors.PdfScript();
        }

        if (scan.TooComplex)
        {
            return DocumentErrors.PdfUnreadable();
        }

        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            return DocumentErrors.PdfEncrypted();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DocumentErrors.PdfUnreadable();
        }

        using (document)
        {
            try
            {
                if (document.IsEncrypted)
                {
                    return DocumentErrors.PdfEncrypted();
                }

                var walk = new ObjectWalk(document.Structure);
                walk.Run();
                if (walk.ActiveContent)
                {
                    return DocumentErrors.PdfScript();
                }

                if (walk.TooComplex)
                {
                    return DocumentErrors.PdfUnreadable();
                }

                var pages = document.NumberOfPages;
                if (pages <= 0)
                {
                    return DocumentErrors.PdfNoPages();
                }

                if (pages > maxPages)
                {
                    return DocumentErrors.PdfTooManyPages(maxPages);
                }
            }
            catch (PdfDocumentEncryptedException)
            {
                return DocumentErrors.PdfEncrypted();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return DocumentErrors.PdfUnreadable();
            }
        }

        return null;
    }

    private static bool HasHeader(ReadOnlySpan<byte> pdf) =>
        pdf.StartsWith("%PDF-"u8) && pdf.Length > 7 && pdf[5] is (byte)'1' or (byte)'2' && pdf[6] == (byte)'.';

    private static bool HasEndOfFile(ReadOnlySpan<byte> pdf) =>
        pdf[Math.Max(0, pdf.Length - EofWindow)..].IndexOf("%%EOF"u8) >= 0;

    /// <summary>Visits every object the cross-reference table lists, as parsed, looking at dictionary keys and names.</summary>
    private sealed class ObjectWalk(Structure structure)
    {
        public bool ActiveContent { get; private set; }

        public bool TooComplex { get; private set; }

        public void Run()
        {
            var visited = 0;
            foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                if (++visited > MaxObjects)
                {
                    TooComplex = true;
                    return;
                }

                IToken data;
                try
                {
                    data = structure.GetObject(reference).Data;
                }
                catch (Exception e) when (e is not (OutOfMemoryException or PdfDocumentEncryptedException))
                {
                    continue; // an unreadable object: the byte scan has seen its bytes already
                }

                Visit(data, 0);
                if (ActiveContent || TooComplex)
                {
                    return;
                }
            }
        }

        private void Visit(IToken token, int depth)
        {
            if (ActiveContent || TooComplex)
            {
                return;
            }

            if (depth > MaxDepth)
            {
                TooComplex = true;
                return;
            }

            switch (token)
            {
                case NameToken name when IsForbidden(name.Data):
                    ActiveContent = true;
                    break;
                case DictionaryToken dictionary:
                    foreach (var (key, value) in dictionary.Data)
                    {
                        if (IsForbidden(key) || (key == "OpenAction" && !IsDestination(value)))
                        {
                            ActiveContent = true;
                            return;
                        }

                        Visit(value, depth + 1);
                    }

                    break;
                case ArrayToken array:
                    foreach (var item in array.Data)
                    {
                        Visit(item, depth + 1);
                    }

                    break;
                case StreamToken stream:
                    Visit(stream.StreamDictionary, depth + 1);
                    break;
            }
        }

        /// <summary>An /OpenAction may only be a destination (an array, or a named destination), never an action dictionary.</summary>
        private bool IsDestination(IToken value)
        {
            if (value is IndirectReferenceToken reference)
            {
                try
                {
                    value = structure.GetObject(reference.Data).Data;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return false;
                }
            }

            return value is ArrayToken or NameToken or StringToken or HexToken;
        }

        private static bool IsForbidden(string name) =>
            PdfRawScanner.ForbiddenEverywhere.Contains(name) || PdfRawScanner.ForbiddenOutsideStreams.Contains(name);
    }
}
