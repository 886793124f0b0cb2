using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Documents;

/// <summary>One file sent for a slot of an existing request, with the document type the sender chose.</summary>
public sealed record IncomingDocument(DocumentRole Role, DocumentType Type, IFormFile File, string Field, DateOnly? IssuedOn = null);

/// <summary>A checked, sealed document ready to attach, or the message that refused one of the files (at its field).</summary>
public sealed record ReceivedDocuments(
    IReadOnlyList<(IdentityDocument Document, DocumentContent Content)> Documents,
    IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool IsAccepted => Errors.Count == 0;
}

/// <summary>
/// Turns files sent to an existing request (a member's resubmission, a staff scan of a posted document) into sealed
/// documents through the same checks as the filing form: the total is bounded before anything is read
/// (<see cref="DocumentInspector.CheckRequestTotal"/>), each file is inspected by content and sanitised
/// (<see cref="DocumentInspector"/>: magic bytes, decode limits, metadata stripped, PDF scripts refused), then sealed
/// under the new document's own id (<see cref="DocumentVault"/>). Nothing is stored here: the caller adds the
/// documents and contents in the one save that attaches them, so a refused file leaves nothing behind.
/// </summary>
public sealed class DocumentReceiver(DocumentInspector inspector, DocumentVault vault, TimeProvider clock, ILogger<DocumentReceiver> logger)
{
    public async Task<ReceivedDocuments> ReceiveAsync(IReadOnlyList<IncomingDocument> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (inspector.CheckRequestTotal(files.Sum(f => f.File.Length)) is { } tooLarge)
        {
            return new([], [(files.Count > 0 ? files[0].Field : string.Empty, tooLarge.Message)]);
        }

        var documents = new List<(IdentityDocument, DocumentContent)>(files.Count);
        var errors = new List<(string, string)>();
        foreach (var incoming in files)
        {
            DocumentCheckResult result;
            await using (var stream = incoming.File.OpenReadStream())
            {
                result = await inspector.InspectAsync(stream, incoming.File.Length, cancellationToken);
            }

            if (!result.IsAccepted)
            {
                logger.LogInformation("Document for {Role} refused: {Code} ({Bytes} bytes)", incoming.Role, result.Error.Code, incoming.File.Length);
                errors.Add((incoming.Field, result.Error.Message));
                continue;
            }

            var document = new IdentityDocument(incoming.Role, incoming.Type, result.Document.ContentType, result.Document.SizeBytes,
                result.Document.Sha256, clock.GetUtcNow(), DocumentRequirements.NeedsFreshness(incoming.Type) ? incoming.IssuedOn : null);
            documents.Add((document, vault.Seal(document.Id, result.Document.Bytes)));
        }

        return errors.Count > 0 ? new([], errors) : new(documents, []);
    }

    /// <summary>The message when no file was chosen for a slot that needs one.</summary>
    public static string NoFileMessage => Localized.Text("ファイルを選んでください。", "Choose a file.");
}
