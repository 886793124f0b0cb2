using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class RequestNoteTests
{
    private static readonly Guid RequestId = Guid.Parse("0193a3c2-7e4f-7000-8000-000000000123");
    private static readonly DateTimeOffset At = TestData.Jst(2026, 11, 3, 14, 30);

    [Fact]
    public void NoteKeepsTheTrimmedTextItsAuthorAndTheTimeInUtc()
    {
        var note = new RequestNote(RequestId, "　電話で本人から入金予定日の連絡あり（11/6）。 \n", TestData.Staff, At);

        Assert.Equal("電話で本人から入金予定日の連絡あり（11/6）。", note.Text);
        Assert.Equal(RequestId, note.RequestId);
        Assert.Equal(TestData.Staff, note.AuthorId);
        Assert.Equal(At, note.At);
        Assert.Equal(TimeSpan.Zero, note.At.Offset);
        Assert.NotEqual(Guid.Empty, note.Id);
    }

    [Fact]
    public void EachNoteHasItsOwnId()
    {
        var first = new RequestNote(RequestId, "メモ1", TestData.Staff, At);
        var second = new RequestNote(RequestId, "メモ2", TestData.Staff, At);

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("　　")]
    [InlineData("\t\r\n")]
    public void EmptyNoteIsRefused(string text)
    {
        var ex = Assert.Throws<DomainRuleException>(() => new RequestNote(RequestId, text, TestData.Staff, At));

        Assert.Equal("note.empty", ex.Code);
        Assert.Equal("メモを入力してください。", ex.Japanese);
        Assert.Equal("Enter the note.", ex.English);
    }

    [Fact]
    public void TwoThousandCharactersAreAllowed()
    {
        Assert.Equal(2000, RequestNote.MaxLength);
        var text = new string('確', 2000);

        var note = new RequestNote(RequestId, text, TestData.Staff, At);

        Assert.Equal(text, note.Text);
    }

    [Fact]
    public void LengthIsCountedAfterTrimming()
    {
        var text = new string('あ', 2000);

        var note = new RequestNote(RequestId, "  " + text + "　\n", TestData.Staff, At);

        Assert.Equal(2000, note.Text.Length);
    }

    [Fact]
    public void MoreThanTwoThousandCharactersAreRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => new RequestNote(RequestId, new string('a', 2001), TestData.Staff, At));

        Assert.Equal("note.tooLong", ex.Code);
        Assert.Equal("メモは2000文字以内で入力してください。", ex.Japanese);
        Assert.Equal("A note can be at most 2000 characters.", ex.English);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void AuthorIsRequired(string author)
    {
        Assert.ThrowsAny<ArgumentException>(() => new RequestNote(RequestId, "メモ", author, At));
    }
}
