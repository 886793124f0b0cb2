using PrivacyDesk.Domain.Documents;

namespace PrivacyDesk.Domain.Tests;

public class IdentityDocumentTests
{
    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/png", ".png")]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("application/x-msdownload", ".bin")]
    public void StoredFileNameIsTheIdAndASafeExtension(string contentType, string extension)
    {
        var document = new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.Passport, contentType, 10, "ab", TestData.ReceivedAt);

        Assert.Equal(document.Id.ToString("N") + extension, document.StoredFileName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void EmptyFileIsRefused(long size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.Passport, "image/png", size, "ab", TestData.ReceivedAt));
    }

    [Fact]
    public void PurgeKeepsTheFirstDate()
    {
        var document = TestData.Document(DocumentRole.Authority, DocumentType.FamilyRegisterCopy, new DateOnly(2026, 10, 1));
        Assert.False(document.IsPurged);

        var first = TestData.Jst(2027, 1, 10);
        document.MarkPurged(first);
        document.MarkPurged(TestData.Jst(2027, 2, 10));

        Assert.True(document.IsPurged);
        Assert.Equal(first, document.PurgedAt);
        Assert.Equal(new DateOnly(2026, 10, 1), document.IssuedOn);
        Assert.Equal(new string('a', 64), document.Sha256);
    }
}
