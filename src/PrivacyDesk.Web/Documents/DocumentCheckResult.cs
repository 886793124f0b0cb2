using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// The outcome of <see cref="DocumentInspector.InspectAsync"/>: either a sanitised document ready to seal and store,
/// or the reason it was refused, in Japanese and English. User errors are results, never exceptions.
/// </summary>
public sealed class DocumentCheckResult
{
    private DocumentCheckResult(SanitisedDocument? document, DocumentError? error)
    {
        Document = document;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsAccepted => Document is not null;

    public SanitisedDocument? Document { get; }

    public DocumentError? Error { get; }

    public static DocumentCheckResult Accepted(SanitisedDocument document) => new(document, null);

    public static DocumentCheckResult Refused(DocumentError error) => new(null, error);

    public override string ToString() => IsAccepted ? $"Accepted {Document.ContentType} ({Document.Bytes.Length} bytes)" : $"Refused {Error.Code}";
}

/// <summary>
/// The bytes to store: re-encoded without metadata for images, as uploaded for PDFs (which passed the checks).
/// <see cref="Sha256"/> is the lowercase hex SHA-256 of exactly <see cref="Bytes"/>, for <c>IdentityDocument.Sha256</c>.
/// </summary>
public sealed class SanitisedDocument
{
    internal SanitisedDocument(byte[] bytes, string contentType, string sha256)
    {
        Bytes = bytes;
        ContentType = contentType;
        Sha256 = sha256;
    }

    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The payload is handed on to the vault as is.")]
    public byte[] Bytes { get; }

    /// <summary><c>image/jpeg</c>, <c>image/png</c> or <c>application/pdf</c>, as found from the content.</summary>
    public string ContentType { get; }

    public string Sha256 { get; }

    public long SizeBytes => Bytes.LongLength;
}

/// <summary>Why a document was refused: a stable code for programs and tests, and the message for the member.</summary>
public sealed record DocumentError(string Code, string Japanese, string English)
{
    /// <summary>English for an English UI culture, Japanese otherwise.</summary>
    public string MessageFor(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? English : Japanese;
    }

    /// <summary>The message for the current UI culture.</summary>
    public string Message => MessageFor(CultureInfo.CurrentUICulture);
}

/// <summary>The stable codes of <see cref="DocumentError"/>.</summary>
public static class DocumentErrorCodes
{
    public const string Empty = "empty";
    public const string UnsupportedType = "unsupported-type";
    public const string Heic = "heic";
    public const string FileTooLarge = "file-too-large";
    public const string RequestTooLarge = "request-too-large";
    public const string ImageTooLarge = "image-too-large";
    public const string ImageUnreadable = "image-unreadable";
    public const string ImageTooDemanding = "image-too-demanding";
    public const string ImageBomb = "image-decompression-bomb";
    public const string PdfUnreadable = "pdf-unreadable";
    public const string PdfScript = "pdf-script";
    public const string PdfEncrypted = "pdf-encrypted";
    public const string PdfNoPages = "pdf-no-pages";
    public const string PdfTooManyPages = "pdf-too-many-pages";
}

/// <summary>The messages shown to members. Japanese first; the English is for the English UI and for staff.</summary>
internal static class DocumentErrors
{
    public static DocumentError Empty() => new(
        DocumentErrorCodes.Empty,
        "ファイルが空です。もう一度ファイルを選んでください。",
        "The file is empty. Please choose the file again.");

    public static DocumentError UnsupportedType() => new(
        DocumentErrorCodes.UnsupportedType,
        "ファイルの形式が対応していません。JPEG、PNG、PDFのいずれかを添付してください。",
        "This file type is not supported. Please attach a JPEG, PNG or PDF file.");

    /// <summary>The iPhone's default photo format: refused with the setting that makes the camera save JPEG.</summary>
    public static DocumentError Heic() => new(
        DocumentErrorCodes.Heic,
        "iPhoneのHEIC（HEIF）形式の写真は添付できません。JPEGで撮り直して添付してください。iPhoneでは「設定」→「カメラ」→「フォーマット」→「互換性優先」を選ぶと、写真がJPEGで保存されます。",
        "HEIC (HEIF) photos from an iPhone cannot be attached. Please take the photo again as a JPEG: on the iPhone, choose Settings → Camera → Formats → Most Compatible, and photos are saved as JPEG.");

    public static DocumentError FileTooLarge(long maxBytes) => new(
        DocumentErrorCodes.FileTooLarge,
        $"ファイルサイズが上限（{Size(maxBytes, string.Empty)}）を超えています。",
        $"The file is larger than the limit ({Size(maxBytes, " ")}).");

    public static DocumentError RequestTooLarge(long maxBytes) => new(
        DocumentErrorCodes.RequestTooLarge,
        $"添付ファイルの合計サイズが上限（{Size(maxBytes, string.Empty)}）を超えています。",
        $"The attached files together are larger than the limit ({Size(maxBytes, " ")}).");

    public static DocumentError ImageTooLarge(long maxPixels) => new(
        DocumentErrorCodes.ImageTooLarge,
        $"画像のサイズ（画素数）が大きすぎます。{Megapixels(maxPixels)}万画素以下の画像を添付してください。",
        $"The image has too many pixels. Please attach an image of at most {Megapixels(maxPixels) / 100m:0.##} megapixels.");

    public static DocumentError ImageTooDemanding() => new(
        DocumentErrorCodes.ImageTooDemanding,
        "画像の処理に必要なメモリや時間が大きすぎるため受け付けられません。解像度を下げるか、写真を撮り直して添付してください。",
        "The image needs too much memory or time to process. Please attach it at a lower resolution, or take the photo again.");

    public static DocumentError ImageBomb() => new(
        DocumentErrorCodes.ImageBomb,
        "画像の中に、展開すると非常に大きくなるデータが含まれているため受け付けられません。撮り直した画像か、保存し直した画像を添付してください。",
        "The image contains data that expands to a very large size and cannot be accepted. Please attach a newly taken or re-saved image.");

    public static DocumentError ImageUnreadable() => new(
        DocumentErrorCodes.ImageUnreadable,
        "画像を読み取れませんでした。ファイルが壊れているか、途中までしか保存されていない可能性があります。",
        "The image could not be read. The file may be damaged or incomplete.");

    public static DocumentError PdfUnreadable() => new(
        DocumentErrorCodes.PdfUnreadable,
        "PDFを読み取れませんでした。ファイルが壊れているか、途中までしか保存されていない可能性があります。",
        "The PDF could not be read. The file may be damaged or incomplete.");

    public static DocumentError PdfScript() => new(
        DocumentErrorCodes.PdfScript,
        "PDFにスクリプトが含まれているため受け付けられません。",
        "The PDF contains scripts or automatic actions and cannot be accepted.");

    public static DocumentError PdfEncrypted() => new(
        DocumentErrorCodes.PdfEncrypted,
        "暗号化されたPDFは受け付けられません。パスワードや保護を解除したPDFを添付してください。",
        "Encrypted PDFs cannot be accepted. Please attach the PDF without a password or protection.");

    public static DocumentError PdfNoPages() => new(
        DocumentErrorCodes.PdfNoPages,
        "PDFにページがありません。",
        "The PDF has no pages.");

    public static DocumentError PdfTooManyPages(int maxPages) => new(
        DocumentErrorCodes.PdfTooManyPages,
        $"PDFのページ数が上限（{maxPages}ページ）を超えています。",
        $"The PDF has more pages than the limit ({maxPages} pages).");

    /// <summary>"10MB", "7.5MB"; below 1 MB in KB ("500KB"). MB and KB are binary (1,048,576 and 1,024 bytes).</summary>
    private static string Size(long bytes, string space)
    {
        var (value, unit) = bytes >= DocumentOptions.MiB ? ((decimal)bytes / DocumentOptions.MiB, "MB") : ((decimal)bytes / 1024, "KB");
        return value.ToString("0.#", CultureInfo.InvariantCulture) + space + unit;
    }

    /// <summary>In units of 10,000 pixels (万画素), the way Japanese describes image sizes.</summary>
    private static decimal Megapixels(long pixels) => decimal.Round(pixels / 10_000m, 0);
}
