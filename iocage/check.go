package iocage

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// truthVariations is json_check_prop's list for Bool properties.
var truthVariations = []string{"0", "1", "off", "on", "no", "yes", "false", "true"}

// priorityChars is json_check_prop's "list" for priority: the string
// str(tuple(range(1, 100))), which Python iterates character by character,
// so any value holding a digit, "(", ")", "," or a space passes.
var priorityChars = func() string {
	var b strings.Builder
	b.WriteString("(")
	for i := 1; i < 100; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString(")")
	return b.String()
}()

// allowed returns the list json_check_prop compares a value with, nil for
// free strings.
func (p *Property) allowed() []string {
	switch p.Type {
	case Bool:
		return truthVariations
	case Enum:
		return p.Allowed
	case Priority:
		return strings.Split(priorityChars, "")
	}
	return nil
}

// Check returns the message iocage prints when `iocage set KEY=VALUE`
// (or `iocage create ... KEY=VALUE`) refuses the value, or "" when iocage
// accepts it. defaults is true for `iocage set ... default`, which edits
// defaults.json. It follows json_check_prop (ioc_json.py), including its
// quirk: a value passes when any allowed word is a substring of the
// lower-cased value, so `allow_sysvipc=nope` ("no") and `sysvshm=renew`
// ("new") are accepted; see Loose.
func Check(key, value string, defaults bool) string {
	p, ok := Lookup(key)
	if !ok || (p.Fixed && !p.ZFS) {
		return key + " cannot be changed by the user."
	}
	if p.DefaultsOnly && !defaults {
		return key + " can only be changed for defaults!"
	}
	if p.ZFS {
		if key == "quota" && value != "none" && !strings.HasSuffix(strings.ToUpper(value), "M") &&
			!strings.HasSuffix(strings.ToUpper(value), "G") && !strings.HasSuffix(strings.ToUpper(value), "T") {
			return value + " should have a suffix ending in M, G, or T."
		}
		return ""
	}
	lower := strings.ToLower(value)
	if list := p.allowed(); list != nil {
		for _, k := range list {
			if strings.Contains(lower, k) {
				return ""
			}
		}
		msg := value + " is not a valid value for " + key + ".\n"
		if key == "interfaces" {
			return msg + "Interfaces must be specified as a pair.\nEXAMPLE: vnet0:bridge0, vnet1:bridge1"
		}
		return msg + "Value must be " + strings.Join(list, " or ")
	}
	// A free string: json_check_prop returns early when the value contains
	// "string" (its list is ("string",)), before the special checks.
	if strings.Contains(lower, "string") {
		return ""
	}
	return checkString(key, value)
}

var natForward = regexp.MustCompile(`^(tcp|udp|tcp/udp)\(\d{1,5}((:|-?)(\d{1,5}))\)`)

// checkString is json_check_prop's per-key validation of free strings.
func checkString(key, value string) string {
	switch key {
	case "ip4_addr", "ip6_addr":
		if value == "none" || strings.Contains(strings.ToUpper(value), "DHCP") || strings.Contains(strings.ToLower(value), "accept_rtadv") {
			return ""
		}
		for _, item := range strings.Split(value, ",") {
			ip := item
			if iface, addr, ok := strings.Cut(item, "|"); ok {
				if strings.TrimSpace(iface) == "" {
					return "Please provide a valid interface"
				}
				ip = strings.TrimSpace(addr)
			}
			if !validNetwork(ip, key == "ip4_addr") {
				return "Please provide a valid ip: " + ip
			}
		}
	case "localhost_ip":
		if value != "none" {
			if a, err := netip.ParseAddr(value); err != nil || !a.Is4() {
				return "Invalid IPv4 address: " + value
			}
		}
	case "nat_forwards":
		if value != "none" {
			for _, fwd := range strings.Split(value, ",") {
				if _, err := strconv.Atoi(fwd); err == nil && fwd != "" && fwd[0] != '-' && fwd[0] != '+' {
					fwd = "tcp(" + fwd + ")"
				}
				if m := natForward.FindStringIndex(fwd); m == nil || m[1] != len(fwd) {
					return "Invalid nat_forwards value: " + value
				}
			}
		}
	case "devfs_ruleset", "min_dyn_devfs_ruleset":
		if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 0 {
			return "Invalid " + key + " value: " + value
		}
	case "mac_prefix":
		if !validMACPrefix(value) {
			return "Invalid mac_prefix. Must match `?X????` where ? can be any valid hex digit (0-9, A-F) and X is one of 2, 6, A or E."
		}
	}
	return ""
}

// validNetwork is Python's ipaddress.IPv4Network/IPv6Network(ip,
// strict=False): an address with an optional /prefix.
func validNetwork(s string, v4 bool) bool {
	addr, bits, hasBits := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Is4() != v4 || a.Zone() != "" {
		return false
	}
	if !hasBits {
		return true
	}
	n, err := strconv.Atoi(bits)
	return err == nil && n >= 0 && n <= a.BitLen() && bits[0] != '+'
}

// validMACPrefix is validate_mac_prefix: six hex digits whose first byte
// is unicast and locally administered (second digit 2, 6, A or E).
func validMACPrefix(s string) bool {
	if len(s) != 6 {
		return false
	}
	n, err := strconv.ParseUint(s, 16, 32)
	return err == nil && (n>>16)&3 == 2
}

// Loose reports whether iocage accepts the value only through its
// substring test: it is not itself one of the allowed words (compared
// without case, as libjail and check_truthy compare them). iocage stores
// such a value as written (an Enum: `sysvshm=renew`, which jail(8) then
// refuses at start: "unknown jailsys value") or as 0 (a Bool:
// `allow_sysvipc=nope`).
func Loose(key, value string) bool {
	p, ok := Lookup(key)
	if !ok || (p.Type != Bool && p.Type != Enum) || Check(key, value, true) != "" {
		return false
	}
	lower := strings.ToLower(value)
	for _, k := range p.allowed() {
		if lower == k {
			return false
		}
	}
	return true
}
