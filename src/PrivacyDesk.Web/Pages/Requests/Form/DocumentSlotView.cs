using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Intake;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>One document slot of the form: which role it fills, which types it takes, and what is uploaded already.</summary>
public sealed record DocumentSlotView(
    DocumentRole Role,
    string FileField,
    string TypeField,
    DocumentType? SelectedType,
    IReadOnlyList<DocumentType> Types,
    UploadDraft? Uploaded,
    AttachmentName? UploadedName,
    string Title,
    bool AgentOnly);
