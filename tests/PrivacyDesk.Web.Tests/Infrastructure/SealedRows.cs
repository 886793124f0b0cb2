using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Tests.Infrastructure;

/// <summary>Opens rows that are sealed at rest (letters, queued mail bodies) with the app's own master key, as the app does.</summary>
public static class SealedRows
{
    public static byte[] OpenPdf(this AppFixture app, IssuedLetter letter) =>
        app.Factory.Services.GetRequiredService<LetterSealing>().Open(letter);

    public static string OpenBody(this AppFixture app, OutboxMessage message) =>
        app.Factory.Services.GetRequiredService<OutboxBodySealing>().Open(message);
}
