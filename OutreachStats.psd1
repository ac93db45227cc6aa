@{
    # Relative to this file: the built assembly. The staged copy in out/OutreachStats names
    # 'OutreachStats.dll' beside it (the build rewrites this one line).
    RootModule           = 'out/OutreachStats/OutreachStats.dll'
    ModuleVersion        = '0.3.0'
    GUID                 = '2f34e0a1-ab3c-4a60-af64-8725d1fdad63'
    Author               = 'OutreachStats contributors'
    CompanyName          = 'OutreachStats'
    Copyright            = '(c) OutreachStats contributors. All rights reserved.'
    Description          = 'Campaign performance statistics from cold-outreach platforms (lemlist, Smartlead, Leadlex, Leadterra) as typed objects on the PowerShell pipeline, within each provider''s rate limits.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OutreachStats.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-OutreachProvider'
        'Disconnect-OutreachProvider'
        'Get-OutreachConnection'
        'Get-LemlistCampaignStats'
        'Get-LemlistBatchStats'
        'Get-SmartleadCampaignStatistics'
        'Get-LeadlexCampaignStats'
        'Get-LeadterraCampaignStats'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('lemlist', 'Smartlead', 'Leadlex', 'Leadterra', 'outreach', 'cold-email', 'campaign', 'statistics', 'sales-ops', 'RevOps', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/outreachstats/OutreachStats'
            LicenseUri   = 'https://github.com/outreachstats/OutreachStats/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/outreachstats/OutreachStats/blob/main/README.md'
        }
    }
}
