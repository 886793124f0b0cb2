using PrivacyDesk.Domain.Events;

namespace PrivacyDesk.Domain.Requests;

/// <summary>
/// An internal note by staff on a request: never shown to the member. Notes are kept as written (no edits), so the
/// history of what staff knew stays readable.
/// </summary>
public sealed class RequestNote : IEventSource
{
    private readonly RaisedEvents raised = new();

    public const int MaxLength = 2000;

    private RequestNote()
    {
        Text = AuthorId = string.Empty;
    }

    public RequestNote(Guid requestId, string text, string authorId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorId);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("note.empty", "メモを入力してください。", "Enter the note.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            throw new DomainRuleException("note.tooLong",
                $"メモは{MaxLength}文字以内で入力してください。",
                $"A note can be at most {MaxLength} characters.");
        }

        Id = Guid.CreateVersion7();
        RequestId = requestId;
        Text = trimmed;
        AuthorId = authorId;
        At = at.ToUniversalTime();
        raised.Add(new NoteAdded(RequestId, Id));
    }

    IReadOnlyList<IDomainEvent> IEventSource.TakeEvents() => raised.Take();

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public string Text { get; private set; }
    public string AuthorId { get; private set; }
    public DateTimeOffset At { get; private set; }
}
