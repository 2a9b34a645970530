package iocage

import "testing"

func TestTruthy(t *testing.T) {
	// check_truthy: str(value).lower() in ('1', 'on', 'yes', 'true').
	for text, want := range map[string]bool{
		"1": true, "on": true, "ON": true, "Yes": true, "True": true, "true": true,
		"0": false, "off": false, "no": false, "False": false, "None": false,
		"nope": false, "10": false, "2": false, "1.0": false, " 1": false, "": false,
	} {
		if got := Truthy(text); got != want {
			t.Errorf("Truthy(%q) = %v", text, got)
		}
	}
}

func TestPythonNumber(t *testing.T) {
	for lit, want := range map[string]string{
		"1": "1", "0": "0", "-0": "0", "42": "42", "123456789012345678901": "123456789012345678901",
		"1.0": "1.0", "1e2": "100.0", "2.50": "2.5", "0.0001": "0.0001", "0.00001": "1e-05",
		"1.5e-5": "1.5e-05", "1e16": "1e+16", "1e15": "1000000000000000.0", "-3.25": "-3.25",
		"12345678901234567.0": "1.2345678901234568e+16", "1e400": "inf", "0.1": "0.1",
	} {
		if got := PythonNumber(lit); got != want {
			t.Errorf("PythonNumber(%s) = %s, want %s", lit, got, want)
		}
	}
}

func TestNormalized(t *testing.T) {
	for _, c := range []struct {
		p    Prop
		want string
	}{
		{Prop{Key: "allow_sysvipc", Kind: KindString, Text: "yes"}, "1"},
		{Prop{Key: "allow_sysvipc", Kind: KindBool, Text: "True"}, "1"},
		{Prop{Key: "allow_sysvipc", Kind: KindNull, Text: "None"}, "0"},
		{Prop{Key: "allow_sysvipc", Kind: KindNumber, Text: "1.0"}, "0"},
		{Prop{Key: "allow_sysvipc", Kind: KindString, Text: "nope"}, "0"},
		{Prop{Key: "vnet", Kind: KindString, Text: "on"}, "1"},
		{Prop{Key: "ip4", Kind: KindString, Text: "none"}, "disable"},
		{Prop{Key: "sysvshm", Kind: KindString, Text: "New"}, "New"},
		{Prop{Key: "securelevel", Kind: KindNumber, Text: "3"}, "3"},
	} {
		if got := c.p.Normalized(); got != c.want {
			t.Errorf("%s=%q (%v): Normalized() = %q, want %q", c.p.Key, c.p.Text, c.p.Kind, got, c.want)
		}
	}
	if got := (&Prop{Key: "allow_sysvipc", Kind: KindString, Text: "yes"}).CanonicalJSON(); got != "1" {
		t.Errorf("CanonicalJSON = %s", got)
	}
	if got := (&Prop{Key: "sysvshm", Kind: KindString, Text: "new"}).CanonicalJSON(); got != `"new"` {
		t.Errorf("CanonicalJSON = %s", got)
	}
}

func TestCatalogue(t *testing.T) {
	// freebsd/iocage ioc_json.py truthy_props has 40 entries.
	n := 0
	for _, p := range Properties() {
		if p.Type == Bool {
			n++
		}
		if q, ok := Lookup(p.Name); !ok || q.Name != p.Name {
			t.Errorf("Lookup(%s) failed", p.Name)
		}
	}
	if n != 40 {
		t.Errorf("%d Bool properties, want 40", n)
	}
	for name, param := range map[string]string{
		"allow_sysvipc": "allow.sysvipc", "allow_raw_sockets": "allow.raw_sockets", "allow_mount_zfs": "allow.mount.zfs",
		"allow_tun": "", "exec_start": "", "memoryuse": "", "sysvshm": "sysvshm", "host_hostname": "host.hostname",
	} {
		if p, _ := Lookup(name); p == nil || p.Param != param {
			t.Errorf("%s: Param = %+v, want %q", name, p, param)
		}
	}
	if _, ok := Lookup("allow_sysvipcs"); ok {
		t.Error("Lookup accepted an unknown key")
	}
}
