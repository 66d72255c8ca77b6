package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection/mail"
)

// Mail preference keys.
const (
	prefMailTo       = "mail.last_to"
	prefSMTPHost     = "smtp.host"
	prefSMTPPort     = "smtp.port"
	prefSMTPUser     = "smtp.user"
	prefSMTPFrom     = "smtp.from"
	prefSMTPSecurity = "smtp.security"
	// The password is kept with the other preferences, in a file readable
	// only by this user account but not encrypted: the laptop has no
	// keyring Loupe can count on offline. Inspectors who mind leave it
	// empty and use an app password, or "Open in mail client" instead.
	prefSMTPPassword = "smtp.password"
)

// securityChoices label mail.Security for people.
var securityChoices = []struct {
	label string
	value mail.Security
}{
	{"STARTTLS (port 587)", mail.STARTTLS},
	{"TLS (port 465)", mail.TLS},
	{"None (local relay only)", mail.None},
}

// smtpSettings are the mail settings from the preferences.
func smtpSettings(a fyne.App) mail.SMTP {
	p := a.Preferences()
	return mail.SMTP{
		Host:     p.String(prefSMTPHost),
		Port:     p.Int(prefSMTPPort),
		Username: p.String(prefSMTPUser),
		Password: p.String(prefSMTPPassword),
		From:     p.String(prefSMTPFrom),
		Security: mail.Security(p.StringWithFallback(prefSMTPSecurity, string(mail.STARTTLS))),
	}
}

// settingsDialog is Preferences: who inspects, and how mail leaves.
type settingsDialog struct {
	dlg                                    dialog.Dialog
	inspector, host, port, user, from, pwd *widget.Entry
	security                               *widget.Select
	appearance                             *widget.Select
}

func (d *Desk) showSettings() *settingsDialog {
	s := smtpSettings(d.App)
	sd := &settingsDialog{
		inspector: widget.NewEntry(), host: widget.NewEntry(), port: widget.NewEntry(),
		user: widget.NewEntry(), from: widget.NewEntry(), pwd: widget.NewPasswordEntry(),
	}
	sd.inspector.SetText(prefInspector(d.App))
	sd.inspector.SetPlaceHolder("Your name, as it appears on reports and in the audit trail")
	sd.host.SetText(s.Host)
	sd.host.SetPlaceHolder("smtp.example.com")
	if s.Port > 0 {
		sd.port.SetText(strconv.Itoa(s.Port))
	}
	sd.port.SetPlaceHolder("default for the security")
	sd.user.SetText(s.Username)
	sd.from.SetText(s.From)
	sd.from.SetPlaceHolder("inspector@agency.com")
	sd.pwd.SetText(s.Password)
	labels := make([]string, len(securityChoices))
	sd.security = widget.NewSelect(nil, nil)
	for i, c := range securityChoices {
		labels[i] = c.label
	}
	sd.security.Options = labels
	for i, c := range securityChoices {
		if c.value == s.Security {
			sd.security.SetSelectedIndex(i)
		}
	}
	sd.appearance = widget.NewSelect(nil, nil)
	current := d.App.Preferences().StringWithFallback(prefAppearance, appearanceSystem)
	for _, c := range appearanceChoices {
		sd.appearance.Options = append(sd.appearance.Options, c.label)
		if c.value == current {
			sd.appearance.Selected = c.label
		}
	}
	form := widget.NewForm(
		widget.NewFormItem("Inspector", sd.inspector),
		widget.NewFormItem("Appearance", sd.appearance),
		widget.NewFormItem("Mail server", sd.host),
		widget.NewFormItem("Security", sd.security),
		widget.NewFormItem("Port", sd.port),
		widget.NewFormItem("User name", sd.user),
		widget.NewFormItem("Password", sd.pwd),
		widget.NewFormItem("From address", sd.from),
	)
	form.Items[6].HintText = "Stored unencrypted in your Loupe preferences"
	sd.dlg = dialog.NewCustomConfirm("Preferences", "Save", "Cancel", form, func(ok bool) {
		if ok {
			sd.save(d)
		}
	}, d.Window)
	sd.dlg.Resize(fyne.NewSize(560, 0))
	sd.dlg.Show()
	return sd
}

func (sd *settingsDialog) save(d *Desk) {
	p := d.App.Preferences()
	setPrefInspector(d.App, strings.TrimSpace(sd.inspector.Text))
	p.SetString(prefSMTPHost, strings.TrimSpace(sd.host.Text))
	port, err := strconv.Atoi(strings.TrimSpace(sd.port.Text))
	if err != nil && strings.TrimSpace(sd.port.Text) != "" {
		d.showError(fmt.Errorf("port %q is not a number: the default port for the security is used", sd.port.Text))
	}
	p.SetInt(prefSMTPPort, port)
	p.SetString(prefSMTPUser, strings.TrimSpace(sd.user.Text))
	p.SetString(prefSMTPFrom, strings.TrimSpace(sd.from.Text))
	p.SetString(prefSMTPPassword, sd.pwd.Text)
	if i := sd.security.SelectedIndex(); i >= 0 {
		p.SetString(prefSMTPSecurity, string(securityChoices[i].value))
	}
	if i := sd.appearance.SelectedIndex(); i >= 0 {
		p.SetString(prefAppearance, appearanceChoices[i].value)
		applyTheme(d.App)
	}
}
