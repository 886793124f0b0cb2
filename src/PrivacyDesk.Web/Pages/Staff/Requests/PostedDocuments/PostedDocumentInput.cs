using FluentValidation;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;

namespace PrivacyDesk.Web.Pages.Staff.Requests.PostedDocuments;

/// <summary>A scan of one document that came by post: which slot it fills, its type, the scan and the day it arrived.</summary>
public sealed class PostedDocumentInput
{
    public DocumentRole? Role { get; set; }

    public DocumentType? Type { get; set; }

    public IFormFile? Scan { get; set; }

    /// <summary>The day (JST) the letter arrived: the clock of a returned request runs again from then.</summary>
    public DateOnly? ArrivedOn { get; set; }

    /// <summary>The issue date of a 戸籍謄本 or 登記事項証明書 (checked for freshness on the ID-check page).</summary>
    public DateOnly? IssuedOn { get; set; }
}

public sealed class PostedDocumentInputValidator : AbstractValidator<PostedDocumentInput>
{
    public PostedDocumentInputValidator()
    {
        RuleFor(x => x.Role).NotNull().IsInEnum()
            .WithMessage(_ => Localized.Text("書類の役割を選んでください。", "Choose what the document proves."));
        RuleFor(x => x.Type).NotNull().IsInEnum()
            .WithMessage(_ => Localized.Text("書類の種類を選んでください。", "Choose the type of document."));
        RuleFor(x => x.Scan).Must(f => f is { Length: > 0 })
            .WithMessage(_ => DocumentReceiver.NoFileMessage);
        RuleFor(x => x.ArrivedOn).NotNull()
            .WithMessage(_ => Localized.Text("到着日を入力してください。", "Enter the day the post arrived."));
        RuleFor(x => x.IssuedOn).NotNull()
            .When(x => x.Type is { } type && DocumentRequirements.NeedsFreshness(type))
            .WithMessage(_ => Localized.Text("戸籍謄本・登記事項証明書は発行日を入力してください。", "Enter the issue date of the certificate."));
    }
}
