using System.Collections.Concurrent;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Layout;
using PrivacyDesk.Letters.Rendering;

namespace PrivacyDesk.Letters;

/// <summary>
/// Letters and blank forms as PDF bytes: composition (what the letter says) handed to the renderer (how it looks).
/// One per process (a singleton): it holds the loaded font and the width caches.
/// </summary>
public sealed class LetterEngine
{
    private readonly ConcurrentDictionary<(RequestFamily, DateOnly), byte[]> blankForms = new();

    // Rendered at most a few times under a race, each time to the same bytes: no lock needed.
    private byte[]? powerOfAttorney;

    public LetterEngine(ILetterRenderer renderer, LetterSettings settings)
    {
        Renderer = renderer;
        Composer = new LetterComposer(settings);
        Forms = new BlankFormComposer(settings);
    }

    public ILetterRenderer Renderer { get; }

    public LetterComposer Composer { get; }

    public BlankFormComposer Forms { get; }

    /// <summary>An engine on PDFsharp with the font that <paramref name="options"/> (or the machine) provides.</summary>
    public static LetterEngine CreateWithPdfSharp(LetterOptions options, LetterSettings settings, string baseDirectory)
    {
        var fonts = new PdfSharpLetterFonts(LetterFontLocator.Locate(options, baseDirectory));
        return new LetterEngine(new PdfSharpLetterRenderer(fonts), settings);
    }

    public byte[] Render(LetterKind kind, PrivacyRequest request, DateOnly date, Guid? paymentId = null, string? statusCode = null) =>
        Renderer.Render(Composer.Compose(kind, request, date, paymentId, statusCode));

    public LetterDocument Compose(LetterKind kind, PrivacyRequest request, DateOnly date, Guid? paymentId = null) =>
        Composer.Compose(kind, request, date, paymentId);

    /// <summary>
    /// The blank form of a family as of <paramref name="asOf"/> (which ID documents are accepted that day), generated
    /// once per day and then served from memory (it only changes with configuration and the date).
    /// </summary>
    public byte[] BlankForm(RequestFamily family, DateOnly asOf) =>
        blankForms.GetOrAdd((family, asOf), key => Renderer.Render(Forms.Compose(key.Item1, key.Item2)));

    /// <summary>The 委任状 template, generated once and then served from memory.</summary>
    public byte[] PowerOfAttorneyForm() => powerOfAttorney ??= Renderer.Render(Forms.ComposePowerOfAttorney());
}
