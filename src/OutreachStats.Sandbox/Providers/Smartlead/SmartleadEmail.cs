using System.Net;
using System.Text;
using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers.Smartlead;

/// <summary>
/// The rendered subject and HTML body of one send, variables already substituted, about 10 KB as on
/// live accounts: the bulk of a per-send page, which is what makes paging through one heavy.
/// </summary>
internal static class SmartleadEmail
{
    private const int TargetLength = 10_000;

    private static readonly string[] Subjects =
    [
        "Quick question about {company}", "{first}, an idea for {company}", "Cutting reporting time at {company}",
        "{company} + a faster outreach review",
    ];

    private static readonly string[] Paragraphs =
    [
        "I noticed {company} has been growing its outbound team this quarter, and teams at that stage usually tell us the same thing: the numbers live in four tools and nobody trusts the weekly summary.",
        "We help revenue teams pull campaign statistics into one place, so a manager can see sends, replies and bounces per step without exporting spreadsheets every Monday morning.",
        "One of our customers, a company of about your size, cut the time spent on campaign reporting from half a day to a few minutes, and found two sequences that were quietly bouncing at 8%.",
        "If it helps, I can send a two-minute video that shows how the report for {company} would look with your own campaigns, without any setup on your side.",
        "No pressure at all: if this is not a priority right now, a one-word reply is perfect and I will not follow up again this quarter.",
        "Would a short call next Tuesday or Wednesday work? I can adapt to your time zone, and I will keep it to fifteen minutes with a clear agenda.",
        "Also happy to connect with whoever owns outbound reporting at {company} if that is not you: a name is all I need.",
        "P.S. We never store message bodies: only the counts leave your accounts, which is usually the first question security teams ask.",
    ];

    public static string Subject(SmartleadCampaign campaign, PlanStep step, SmartleadLead lead)
    {
        var rng = campaign.Key.Generator(Data.Stream.Content, 1_000_000 + (ulong)step.Index);
        var subject = Fill(rng.Pick(Subjects), lead);
        // Follow-ups stay in the first email's thread.
        return step.SequenceStep == 0 ? subject : "Re: " + Fill(Subjects[0], lead);
    }

    public static string Body(SmartleadCampaign campaign, PlanStep step, SmartleadLead lead, string sender)
    {
        var rng = campaign.Key.Generator(Data.Stream.Content, 2_000_000 + (ulong)step.Index);
        var first = WebUtility.HtmlEncode(lead.Name.Split(' ')[0]);
        var html = new StringBuilder(TargetLength + 2048);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<style>body{margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222222;}")
            .Append("p{margin:0 0 12px 0;}a{color:#1a5fb4;text-decoration:underline;}.signature{color:#555555;font-size:13px;}</style></head>")
            .Append("<body><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"left\" style=\"padding:16px 24px;\">")
            .Append("<div style=\"max-width:640px;\"><p>Hi ").Append(first).Append(",</p>");
        var start = rng.Next(Paragraphs.Length);
        for (var i = 0; html.Length < TargetLength - 800; i++)
        {
            var paragraph = WebUtility.HtmlEncode(Fill(Paragraphs[(start + i) % Paragraphs.Length], lead));
            html.Append("<p style=\"margin:0 0 12px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222222;\">")
                .Append(paragraph).Append("</p>");
        }
        html.Append("<p class=\"signature\" style=\"margin:16px 0 0 0;color:#555555;font-size:13px;\">Best regards,<br>")
            .Append(WebUtility.HtmlEncode(sender)).Append("<br>Outreach Sandbox Ltd &middot; 1 Example Street &middot; Exampletown</p>")
            .Append("<p style=\"margin:24px 0 0 0;color:#999999;font-size:11px;\">You received this email because ")
            .Append(WebUtility.HtmlEncode(lead.Company))
            .Append(" matches the companies we work with. <a href=\"https://unsubscribe.example/u/")
            .Append(campaign.Id).Append('/').Append(step.Index)
            .Append("\" style=\"color:#999999;\">Unsubscribe</a></p></div></td></tr></table>")
            .Append("<img src=\"https://open.example/o/").Append(campaign.Id).Append('/').Append(step.Index)
            .Append(".gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none;\"></body></html>");
        return html.ToString();
    }

    private static string Fill(string template, SmartleadLead lead) =>
        template.Replace("{company}", lead.Company, StringComparison.Ordinal).Replace("{first}", lead.Name.Split(' ')[0], StringComparison.Ordinal);
}
