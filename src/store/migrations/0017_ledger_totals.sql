-- Issue 14 item 4 (at scale): the project ledger (/projekt/*/ekonomi) summed
-- every budget line and claim of the project on each request: 2 s with
-- 700 000 lines and 300 000 claims.  ledger_totals keeps the sums per budget
-- category, kept by triggers on every write to project_categories,
-- budget_lines, claims and ideas (whatever code path writes, in the same
-- transaction), the way idea_counts keeps the counts per status:
--   asked     the lines' asked amounts, of ideas that are not drafts
--   granted   the lines' granted amounts
--   claimed   claims not rejected;  approved  claims approved or paid;
--   paid      claims paid
-- Cascades: a line's claims and an idea's lines are deleted after their
-- parent row is gone (both engines), so the parent's BEFORE DELETE trigger
-- takes their part out and theirs then finds no line (no change).
CREATE TABLE ledger_totals (
    category_id BIGINT PRIMARY KEY REFERENCES project_categories(id) ON DELETE CASCADE,
    asked BIGINT NOT NULL DEFAULT 0,
    granted BIGINT NOT NULL DEFAULT 0,
    claimed BIGINT NOT NULL DEFAULT 0,
    approved BIGINT NOT NULL DEFAULT 0,
    paid BIGINT NOT NULL DEFAULT 0
);
INSERT INTO ledger_totals(category_id, asked, granted, claimed, approved, paid)
SELECT pc.id,
    COALESCE((SELECT SUM(b.asked) FROM budget_lines b JOIN ideas i ON i.id = b.idea_id
              WHERE b.category_id = pc.id AND i.status <> 'utkast'), 0),
    COALESCE((SELECT SUM(b.granted) FROM budget_lines b WHERE b.category_id = pc.id), 0),
    COALESCE((SELECT SUM(c.amount) FROM claims c JOIN budget_lines b ON b.id = c.line_id
              WHERE b.category_id = pc.id AND c.status <> 'avslagen'), 0),
    COALESCE((SELECT SUM(c.amount) FROM claims c JOIN budget_lines b ON b.id = c.line_id
              WHERE b.category_id = pc.id AND c.status IN ('godkand', 'utbetald')), 0),
    COALESCE((SELECT SUM(c.amount) FROM claims c JOIN budget_lines b ON b.id = c.line_id
              WHERE b.category_id = pc.id AND c.status = 'utbetald'), 0)
FROM project_categories pc;

-- @sqlite
CREATE TRIGGER ledger_category_ins AFTER INSERT ON project_categories
BEGIN
    INSERT INTO ledger_totals(category_id) VALUES (NEW.id);
END;
CREATE TRIGGER ledger_line_ins AFTER INSERT ON budget_lines
BEGIN
    UPDATE ledger_totals SET
        asked = asked + CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = NEW.idea_id), 'utkast') <> 'utkast' THEN NEW.asked ELSE 0 END,
        granted = granted + NEW.granted
    WHERE category_id = NEW.category_id;
END;
CREATE TRIGGER ledger_line_del BEFORE DELETE ON budget_lines
BEGIN
    UPDATE ledger_totals SET
        asked = asked - CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = OLD.idea_id), 'utkast') <> 'utkast' THEN OLD.asked ELSE 0 END,
        granted = granted - OLD.granted,
        claimed = claimed - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status <> 'avslagen'),
        approved = approved - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status IN ('godkand', 'utbetald')),
        paid = paid - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status = 'utbetald')
    WHERE category_id = OLD.category_id;
END;
CREATE TRIGGER ledger_line_upd AFTER UPDATE OF asked, granted, category_id ON budget_lines
BEGIN
    UPDATE ledger_totals SET
        asked = asked - CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = OLD.idea_id), 'utkast') <> 'utkast' THEN OLD.asked ELSE 0 END,
        granted = granted - OLD.granted,
        claimed = claimed - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status <> 'avslagen'),
        approved = approved - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status IN ('godkand', 'utbetald')),
        paid = paid - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status = 'utbetald')
    WHERE category_id = OLD.category_id;
    UPDATE ledger_totals SET
        asked = asked + CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = NEW.idea_id), 'utkast') <> 'utkast' THEN NEW.asked ELSE 0 END,
        granted = granted + NEW.granted,
        claimed = claimed + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status <> 'avslagen'),
        approved = approved + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status IN ('godkand', 'utbetald')),
        paid = paid + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status = 'utbetald')
    WHERE category_id = NEW.category_id;
END;
CREATE TRIGGER ledger_idea_status AFTER UPDATE OF status ON ideas WHEN (OLD.status = 'utkast') <> (NEW.status = 'utkast')
BEGIN
    UPDATE ledger_totals SET asked = asked + CASE WHEN NEW.status = 'utkast' THEN -1 ELSE 1 END * (SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b
        WHERE b.idea_id = NEW.id AND b.category_id = ledger_totals.category_id)
    WHERE category_id IN (SELECT category_id FROM budget_lines WHERE idea_id = NEW.id);
END;
CREATE TRIGGER ledger_idea_del BEFORE DELETE ON ideas WHEN OLD.status <> 'utkast'
BEGIN
    UPDATE ledger_totals SET asked = asked - (SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b
        WHERE b.idea_id = OLD.id AND b.category_id = ledger_totals.category_id)
    WHERE category_id IN (SELECT category_id FROM budget_lines WHERE idea_id = OLD.id);
END;
CREATE TRIGGER ledger_claim_ins AFTER INSERT ON claims
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed + CASE WHEN NEW.status <> 'avslagen' THEN NEW.amount ELSE 0 END,
        approved = approved + CASE WHEN NEW.status IN ('godkand', 'utbetald') THEN NEW.amount ELSE 0 END,
        paid = paid + CASE WHEN NEW.status = 'utbetald' THEN NEW.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = NEW.line_id);
END;
CREATE TRIGGER ledger_claim_del AFTER DELETE ON claims
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed - CASE WHEN OLD.status <> 'avslagen' THEN OLD.amount ELSE 0 END,
        approved = approved - CASE WHEN OLD.status IN ('godkand', 'utbetald') THEN OLD.amount ELSE 0 END,
        paid = paid - CASE WHEN OLD.status = 'utbetald' THEN OLD.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = OLD.line_id);
END;
CREATE TRIGGER ledger_claim_upd AFTER UPDATE OF status, amount, line_id ON claims
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed - CASE WHEN OLD.status <> 'avslagen' THEN OLD.amount ELSE 0 END,
        approved = approved - CASE WHEN OLD.status IN ('godkand', 'utbetald') THEN OLD.amount ELSE 0 END,
        paid = paid - CASE WHEN OLD.status = 'utbetald' THEN OLD.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = OLD.line_id);
    UPDATE ledger_totals SET
        claimed = claimed + CASE WHEN NEW.status <> 'avslagen' THEN NEW.amount ELSE 0 END,
        approved = approved + CASE WHEN NEW.status IN ('godkand', 'utbetald') THEN NEW.amount ELSE 0 END,
        paid = paid + CASE WHEN NEW.status = 'utbetald' THEN NEW.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = NEW.line_id);
END;
-- @end
-- @pg
CREATE FUNCTION ledger_category_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_totals(category_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_category_ins AFTER INSERT ON project_categories
    FOR EACH ROW EXECUTE FUNCTION ledger_category_ins();
CREATE FUNCTION ledger_line_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        asked = asked + CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = NEW.idea_id), 'utkast') <> 'utkast' THEN NEW.asked ELSE 0 END,
        granted = granted + NEW.granted
    WHERE category_id = NEW.category_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_line_ins AFTER INSERT ON budget_lines
    FOR EACH ROW EXECUTE FUNCTION ledger_line_ins();
CREATE FUNCTION ledger_line_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        asked = asked - CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = OLD.idea_id), 'utkast') <> 'utkast' THEN OLD.asked ELSE 0 END,
        granted = granted - OLD.granted,
        claimed = claimed - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status <> 'avslagen'),
        approved = approved - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status IN ('godkand', 'utbetald')),
        paid = paid - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = OLD.id AND status = 'utbetald')
    WHERE category_id = OLD.category_id;
    RETURN OLD;
END;
$$;
CREATE TRIGGER ledger_line_del BEFORE DELETE ON budget_lines
    FOR EACH ROW EXECUTE FUNCTION ledger_line_del();
CREATE FUNCTION ledger_line_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        asked = asked - CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = OLD.idea_id), 'utkast') <> 'utkast' THEN OLD.asked ELSE 0 END,
        granted = granted - OLD.granted,
        claimed = claimed - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status <> 'avslagen'),
        approved = approved - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status IN ('godkand', 'utbetald')),
        paid = paid - (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status = 'utbetald')
    WHERE category_id = OLD.category_id;
    UPDATE ledger_totals SET
        asked = asked + CASE WHEN COALESCE((SELECT status FROM ideas WHERE id = NEW.idea_id), 'utkast') <> 'utkast' THEN NEW.asked ELSE 0 END,
        granted = granted + NEW.granted,
        claimed = claimed + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status <> 'avslagen'),
        approved = approved + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status IN ('godkand', 'utbetald')),
        paid = paid + (SELECT COALESCE(SUM(amount), 0) FROM claims WHERE line_id = NEW.id AND status = 'utbetald')
    WHERE category_id = NEW.category_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_line_upd AFTER UPDATE OF asked, granted, category_id ON budget_lines
    FOR EACH ROW EXECUTE FUNCTION ledger_line_upd();
CREATE FUNCTION ledger_idea_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET asked = asked + CASE WHEN NEW.status = 'utkast' THEN -1 ELSE 1 END * (SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b
        WHERE b.idea_id = NEW.id AND b.category_id = ledger_totals.category_id)
    WHERE category_id IN (SELECT category_id FROM budget_lines WHERE idea_id = NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_idea_status AFTER UPDATE OF status ON ideas
    FOR EACH ROW WHEN ((OLD.status = 'utkast') <> (NEW.status = 'utkast')) EXECUTE FUNCTION ledger_idea_status();
CREATE FUNCTION ledger_idea_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET asked = asked - (SELECT COALESCE(SUM(b.asked), 0) FROM budget_lines b
        WHERE b.idea_id = OLD.id AND b.category_id = ledger_totals.category_id)
    WHERE category_id IN (SELECT category_id FROM budget_lines WHERE idea_id = OLD.id);
    RETURN OLD;
END;
$$;
CREATE TRIGGER ledger_idea_del BEFORE DELETE ON ideas
    FOR EACH ROW WHEN (OLD.status <> 'utkast') EXECUTE FUNCTION ledger_idea_del();
CREATE FUNCTION ledger_claim_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed + CASE WHEN NEW.status <> 'avslagen' THEN NEW.amount ELSE 0 END,
        approved = approved + CASE WHEN NEW.status IN ('godkand', 'utbetald') THEN NEW.amount ELSE 0 END,
        paid = paid + CASE WHEN NEW.status = 'utbetald' THEN NEW.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = NEW.line_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_claim_ins AFTER INSERT ON claims
    FOR EACH ROW EXECUTE FUNCTION ledger_claim_ins();
CREATE FUNCTION ledger_claim_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed - CASE WHEN OLD.status <> 'avslagen' THEN OLD.amount ELSE 0 END,
        approved = approved - CASE WHEN OLD.status IN ('godkand', 'utbetald') THEN OLD.amount ELSE 0 END,
        paid = paid - CASE WHEN OLD.status = 'utbetald' THEN OLD.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = OLD.line_id);
    RETURN OLD;
END;
$$;
CREATE TRIGGER ledger_claim_del AFTER DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION ledger_claim_del();
CREATE FUNCTION ledger_claim_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_totals SET
        claimed = claimed - CASE WHEN OLD.status <> 'avslagen' THEN OLD.amount ELSE 0 END,
        approved = approved - CASE WHEN OLD.status IN ('godkand', 'utbetald') THEN OLD.amount ELSE 0 END,
        paid = paid - CASE WHEN OLD.status = 'utbetald' THEN OLD.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = OLD.line_id);
    UPDATE ledger_totals SET
        claimed = claimed + CASE WHEN NEW.status <> 'avslagen' THEN NEW.amount ELSE 0 END,
        approved = approved + CASE WHEN NEW.status IN ('godkand', 'utbetald') THEN NEW.amount ELSE 0 END,
        paid = paid + CASE WHEN NEW.status = 'utbetald' THEN NEW.amount ELSE 0 END
    WHERE category_id = (SELECT category_id FROM budget_lines WHERE id = NEW.line_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_claim_upd AFTER UPDATE OF status, amount, line_id ON claims
    FOR EACH ROW EXECUTE FUNCTION ledger_claim_upd();
-- @end
