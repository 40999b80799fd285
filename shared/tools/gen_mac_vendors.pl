#!/usr/bin/perl
# Builds the MAC vendor table (shared/src/mac_vendor_table.hpp) at build time from the vendor
# map (shared/data/mac_vendors.txt) and the IEEE registry files of Debian's ieee-data: only the
# blocks of the mapped vendors are kept (a few thousand of ~46,000), sorted for binary search.
#   gen_mac_vendors.pl MAP OUT.cpp REGISTRY.csv...
# perl-base is Essential in Debian: no extra build dependency.
use strict;
use warnings;

my ($map, $out, @registries) = @ARGV;
die "usage: $0 MAP OUT.cpp REGISTRY.csv...\n" unless $map && $out && @registries;

my @vendors;  # {name, catalog, patterns, accepts}
open(my $m, '<', $map) or die "$map: $!\n";
while (my $line = <$m>) {
    chomp $line;
    next if $line =~ /^\s*(#|$)/;
    my @f = map { s/^\s+|\s+$//gr } split(/\s\|\s?/, $line, -1);
    die "$map:$.: expected 4 fields\n" unless @f >= 3;
    push @vendors, {
        name => $f[0],
        catalog => [grep { length } split(/;/, $f[1])],
        patterns => [map { qr/$_/i } grep { length } split(/;/, $f[2])],
        accepts => [grep { length } split(/;/, $f[3] // '')],
    };
}
close $m;
die "$map: more than 31 vendors\n" if @vendors > 31;
my %index = map { $vendors[$_]{name} => $_ } 0 .. $#vendors;

# Blocks by prefix length: 24 (MA-L), 28 (MA-M), 36 (MA-S and the older IAB).
my %bits = ('MA-L' => 24, 'MA-M' => 28, 'MA-S' => 36, 'IAB' => 36);
my %blocks = (24 => {}, 28 => {}, 36 => {});
for my $file (@registries) {
    open(my $r, '<', $file) or die "$file: $!\n";
    while (my $line = <$r>) {
        next unless $line =~ /^(MA-L|MA-M|MA-S|IAB),([0-9A-Fa-f]+),("(?:[^"]|"")*"|[^,]*)/;
        my ($registry, $hex, $org) = ($1, uc $2, $3);
        $org =~ s/^"|"$//g;
        $org =~ s/""/"/g;
        $org =~ s/^\s+|\s+$//g;
        my $len = $bits{$registry};
        next unless length($hex) * 4 == $len;
        for my $v (0 .. $#vendors) {
            next unless grep { $org =~ $_ } @{ $vendors[$v]{patterns} };
            $blocks{$len}{$hex} //= $v;
            last;
        }
    }
    close $r;
}

open(my $o, '>', "$out.tmp") or die "$out.tmp: $!\n";
print $o "// Generated at build time by shared/tools/gen_mac_vendors.pl from shared/data/mac_vendors.txt\n";
print $o "// and the IEEE registry of Debian's ieee-data. Do not edit.\n";
print $o "#include \"mac_vendor_table.hpp\"\n\nnamespace phonefleet::detail {\n\n";
print $o "const MacVendorEntry kMacVendors[] = {\n";
for my $v (@vendors) {
    my $mask = 0;
    for my $a (@{ $v->{accepts} }) {
        die "$map: unknown vendor '$a' in accepts of $v->{name}\n" unless exists $index{$a};
        $mask |= 1 << $index{$a};
    }
    my $catalog = join(';', @{ $v->{catalog} });
    printf $o "    {\"%s\", \"%s\", 0x%08Xu},\n", $v->{name}, $catalog, $mask;
}
printf $o "};\nconst std::size_t kMacVendorCount = %d;\n\n", scalar @vendors;
for my $len (24, 28, 36) {
    my @keys = sort { hex($a) <=> hex($b) } keys %{ $blocks{$len} };
    my $type = $len == 24 ? 'std::uint32_t' : 'std::uint64_t';
    print $o "// (prefix << 8) | vendor index, sorted\n";
    print $o "const $type kMacBlocks$len\[] = {";
    my $n = 0;
    for my $k (@keys) {
        print $o ($n % 6 == 0 ? "\n    " : " ");
        printf $o "0x%s%02X%s,", $k, $blocks{$len}{$k}, $len == 24 ? 'u' : 'ull';
        ++$n;
    }
    print $o "\n    0" if $n == 0;  # no empty arrays in C++; the count says 0
    print $o "\n};\nconst std::size_t kMacBlocks${len}Count = $n;\n\n";
}
print $o "}  // namespace phonefleet::detail\n";
close $o;
rename("$out.tmp", $out) or die "$out: $!\n";
printf STDERR "[mac vendors] %d vendors, %d + %d + %d blocks\n", scalar @vendors,
    scalar keys %{ $blocks{24} }, scalar keys %{ $blocks{28} }, scalar keys %{ $blocks{36} };
