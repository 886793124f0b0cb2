using FluentValidation;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Requests.Resubmission;

/// <summary>
/// The documents a member sends again from the status page: one file and its type per slot the return asked for, and
/// the request's version when the page was shown (a form replayed after anything changed is refused).
/// </summary>
public sealed class ResubmissionInput
{
    public int Version { get; set; }

    public DocumentType? PrincipalDocumentType { get; set; }
    public IFormFile? PrincipalDocument { get; set; }

    public DocumentType? AuthorityDocumentType { get; set; }
    public IFormFile? AuthorityDocument { get; set; }

    public DocumentType? AgentDocumentType { get; set; }
    public IFormFile? AgentDocument { get; set; }

    public DocumentType? PrincipalAddressProofType { get; set; }
    public IFormFile? PrincipalAddressProof { get; set; }

    public DocumentType? AgentAddressProofType { get; set; }
    public IFormFile? AgentAddressProof { get; set; }

    /// <summary>Set by the handler from the request (<c>DocumentsToResubmit</c>), never taken from the post.</summary>
    public IReadOnlyList<DocumentRequirement> Offered { get; set; } = [];

    /// <summary>Set by the handler from the request: every offered slot must be filled (the return named them).</summary>
    public bool RequiresAll { get; set; }

    /// <summary>The slot of each role: the file and type field names, as the page posts them.</summary>
    public static readonly IReadOnlyList<(DocumentRole Role, string File, string Type)> Slots =
    [
        (DocumentRole.PrincipalIdentity, nameof(PrincipalDocument), nameof(PrincipalDocumentType)),
        (DocumentRole.Authority, nameof(AuthorityDocument), nameof(AuthorityDocumentType)),
        (DocumentRole.AgentIdentity, nameof(AgentDocument), nameof(AgentDocumentType)),
        (DocumentRole.PrincipalAddressProof, nameof(PrincipalAddressProof), nameof(PrincipalAddressProofType)),
        (DocumentRole.AgentAddressProof, nameof(AgentAddressProof), nameof(AgentAddressProofType)),
    ];

    public IFormFile? FileFor(DocumentRole role) => role switch
    {
        DocumentRole.PrincipalIdentity => PrincipalDocument,
        DocumentRole.Authority => AuthorityDocument,
        DocumentRole.AgentIdentity => AgentDocument,
        DocumentRole.PrincipalAddressProof => PrincipalAddressProof,
        DocumentRole.AgentAddressProof => AgentAddressProof,
        _ => null,
    };

    public DocumentType? TypeFor(DocumentRole role) => role switch
    {
        DocumentRole.PrincipalIdentity => PrincipalDocumentType,
        DocumentRole.Authority => AuthorityDocumentType,
        DocumentRole.AgentIdentity => AgentDocumentType,
        DocumentRole.PrincipalAddressProof => PrincipalAddressProofType,
        DocumentRole.AgentAddressProof => AgentAddressProofType,
        _ => null,
    };

    /// <summary>The files sent, with their slots and chosen types (only slots with a file).</summary>
    public IReadOnlyList<IncomingDocument> Incoming() =>
        Slots.Where(s => FileFor(s.Role) is { Length: > 0 })
            .Select(s => new IncomingDocument(s.Role, TypeFor(s.Role) ?? DocumentType.Other, FileFor(s.Role)!, s.File))
            .ToArray();
}

public sealed class ResubmissionInputValidator : AbstractValidator<ResubmissionInput>
{
    public ResubmissionInputValidator()
    {
        foreach (var (role, file, type) in ResubmissionInput.Slots)
        {
            // A file for a slot the return did not ask for is not stored: the form never shows such a field.
            RuleFor(x => x.FileFor(role)).Null()
                .When(x => x.FileFor(role) is { Length: > 0 } && x.Offered.All(o => o.Role != role))
                .OverridePropertyName(file)
                .WithMessage(_ => Localized.Text("この書類はお願いしていません。表示されている欄に添付してください。", "This document was not asked for. Use the fields shown."));

            RuleFor(x => x.FileFor(role)).Must(f => f is { Length: > 0 })
                .When(x => x.RequiresAll && x.Offered.Any(o => o.Role == role))
                .OverridePropertyName(file)
                .WithMessage(_ => DocumentReceiver.NoFileMessage);

            RuleFor(x => x.TypeFor(role))
                .Must((x, t) => t is { } chosen && x.Offered.Any(o => o.Role == role && o.AcceptedTypes.Contains(chosen)))
                .When(x => x.FileFor(role) is { Length: > 0 } && x.Offered.Any(o => o.Role == role))
                .OverridePropertyName(type)
                .WithMessage(_ => Localized.Text("書類の種類を選んでください。", "Choose the type of document."));
        }

        RuleFor(x => x.Incoming()).NotEmpty()
            .When(x => !x.RequiresAll)
            .OverridePropertyName(string.Empty)
            .WithMessage(_ => Localized.Text("送っていただく書類のファイルを、いずれかの欄で選んでください。", "Choose the file of the document you are sending."));
    }
}
