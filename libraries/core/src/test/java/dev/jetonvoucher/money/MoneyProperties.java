package dev.jetonvoucher.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MoneyProperties {

    @Property
    void major_string_is_an_exact_decimal_of_the_minor_units(@ForAll long minor, @ForAll("currencies") CurrencyUnit c) {
        String text = Money.ofMinor(minor, c).toMajorString();

        BigDecimal parsed = new BigDecimal(text);
        assertEquals(c.fractionDigits(), parsed.scale(), text);
        assertEquals(minor, parsed.movePointRight(c.fractionDigits()).longValueExact(), text);
    }

    @Property
    void minus_undoes_plus(@ForAll int a, @ForAll int b, @ForAll("currencies") CurrencyUnit c) {
        Money x = Money.ofMinor(a, c);
        Money y = Money.ofMinor(b, c);

        assertEquals(x, x.plus(y).minus(y));
    }

    @Provide
    Arbitrary<CurrencyUnit> currencies() {
        return Arbitraries.of("JPY", "EUR", "USD", "KWD", "BHD", "CLF").map(CurrencyUnit::of);
    }
}
