namespace OutreachStats.Sandbox.Data;

/// <summary>Made-up people and companies for senders, leads and email bodies.</summary>
internal static class Names
{
    public static readonly string[] First =
    [
        "Alice", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
        "Keiko", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tessa",
        "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoé",
    ];

    public static readonly string[] Last =
    [
        "Andersen", "Baptiste", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova",
        "Jensen", "Kowalski", "Laurent", "Moreau", "Nakamura", "Okafor", "Petit", "Quintero", "Rossi",
        "Schmidt", "Tanaka", "Urban", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann",
    ];

    public static readonly string[] Companies =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure Works", "Litware",
        "Proseware", "Lucerne", "Margie's Travel", "Trey Research", "Coho Vineyard", "Fourth Coffee",
        "Graphic Design Institute", "Humongous Insurance", "Blue Yonder", "Alpine Ski House",
        "Wide World Importers", "Woodgrove Bank", "Relecloud",
    ];

    /// <summary>"Margie's Travel" → "margiestravel.example": the reserved .example domain, never a real one.</summary>
    public static string Domain(string company) =>
        new string(company.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) + ".example";

    /// <summary>"Chloé García" → "chloe.garcia": plain ASCII for addresses.</summary>
    public static string Mailbox(string first, string last) => Ascii(first) + "." + Ascii(last);

    private static string Ascii(string name)
    {
        var decomposed = name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(char.IsAsciiLetter).ToArray());
    }
}
