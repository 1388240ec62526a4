import { OFFICER_ROLE_NAMES, OFFICER_ROLES } from '../../../shared/domain/officers/roles.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/domain/webhooks/webhook-events.ts';
import { errorBody } from '../api.ts';
import { both, h, labelled, list, record, str, timeText } from './elements.ts';
import { type Answer, failureOf, jsonPost, type OfficerCall } from './officer-api.ts';
import {
  checkboxes,
  controlValue,
  dataTable,
  markCurrent,
  onSubmit,
  section,
  ticked,
  viewTitle,
} from './sections.ts';

export interface AdminContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
  announce(message: string): void;
}

const ROLE_OPTIONS: [string, string][] = OFFICER_ROLES.map((role) => [
  role,
  `${OFFICER_ROLE_NAMES[role].vi} / ${OFFICER_ROLE_NAMES[role].en}`,
]);
const roleText = (role: string) => {
  const known = OFFICER_ROLES.find((name) => name === role);
  return known ? OFFICER_ROLE_NAMES[known].vi : role;
};

/** The administration link is offered to the unit's administrators only (the API refuses the others anyway). */
export function showAdminLink(roles: unknown[]): void {
  const item = document.getElementById('nav-admin');
  if (item) item.hidden = !roles.map(record).some((role) => role.role === 'quan_tri');
}

const STATE_TEXT: Record<string, string> = {
  active: 'Đang hoạt động / Active',
  paused: 'Tạm dừng / Paused',
  disabled: 'Bị vô hiệu / Disabled',
  pending: 'Đang chờ gửi / Pending',
  delivered: 'Đã giao / Delivered',
  failed: 'Thất bại / Failed',
  held: 'Bị giữ lại / Held',
};

async function ok(answer: Promise<Answer>): Promise<Record<string, unknown>> {
  const done = await answer;
  if (!done.ok) throw failureOf(done);
  return record(done.body);
}

function officersSection(context: AdminContext, officers: Record<string, unknown>[], reload: () => void) {
  const invite = h(
    'form',
    { id: 'invite-form', novalidate: true },
    h(
      'div',
      { class: 'grid2' },
      h(
        'div',
        {},
        ...labelled(
          'invite-username',
          'Tên đăng nhập',
          'Username',
          h('input', {
            type: 'text',
            maxlength: 64,
            spellcheck: 'false',
            autocomplete: 'off',
            autocapitalize: 'none',
          }),
          'a-z, 0-9, . _ -; 3–64 ký tự / characters',
        ),
      ),
      h(
        'div',
        {},
        ...labelled(
          'invite-email',
          'Thư điện tử công vụ',
          'Official e-mail',
          h('input', { type: 'email', maxlength: 254, autocomplete: 'off' }),
        ),
      ),
      h(
        'div',
        {},
        ...labelled(
          'invite-name',
          'Họ tên (không bắt buộc)',
          'Full name (optional)',
          h('input', { type: 'text', maxlength: 200, autocomplete: 'off' }),
        ),
      ),
    ),
    checkboxes('invite-roles', 'Vai trò', 'Roles', ROLE_OPTIONS),
    h('button', { type: 'submit' }, 'Mời cán bộ / Invite'),
  );
  onSubmit(invite, context.showError, async () => {
    const fullName = controlValue(invite, 'invite-name');
    const username = controlValue(invite, 'invite-username');
    await ok(
      context.call.json(
        '/officer/officers',
        jsonPost({
          username,
          email: controlValue(invite, 'invite-email'),
          ...(fullName ? { fullName } : {}),
          roles: ticked(invite, 'invite-roles'),
        }),
      ),
    );
    context.announce(
      `Đã mời ${username}; thư mời đã được gửi. / ${username} invited; the invitation was mailed.`,
    );
    reload();
  });

  const rows = officers.map((officer, index) => {
    const username = str(officer.username) ?? '';
    const active = officer.active === true;
    const roles = list(officer.roles).filter((role): role is string => typeof role === 'string');
    const toggle = h(
      'button',
      { type: 'button', class: 'secondary', 'data-officer': username },
      active ? `Ngừng hoạt động / Deactivate ${username}` : `Kích hoạt lại / Reactivate ${username}`,
    );
    toggle.addEventListener('click', async () => {
      try {
        await ok(
          context.call.json(
            `/officer/officers/${encodeURIComponent(username)}/actions`,
            jsonPost({ type: active ? 'deactivate' : 'reactivate' }),
          ),
        );
        context.announce(
          active
            ? `Đã ngừng hoạt động ${username}. / ${username} deactivated.`
            : `Đã kích hoạt lại ${username}. / ${username} reactivated.`,
        );
        reload();
      } catch (failure) {
        context.showError(failure);
      }
    });
    const roleForm = h(
      'form',
      { novalidate: true },
      checkboxes(`roles-${index}`, `Vai trò của ${username}`, 'Roles', ROLE_OPTIONS, roles),
      h('button', { type: 'submit' }, 'Lưu vai trò / Save roles'),
    );
    onSubmit(roleForm, context.showError, async () => {
      await ok(
        context.call.json(
          `/officer/officers/${encodeURIComponent(username)}/actions`,
          jsonPost({ type: 'set_roles', roles: ticked(roleForm, `roles-${index}`) }),
        ),
      );
      context.announce(`Đã lưu vai trò của ${username}. / Roles of ${username} saved.`);
      reload();
    });
    return [
      h('span', { 'data-username': username }, username),
      str(officer.fullName) ?? '',
      str(officer.email) ?? '',
      roles.map(roleText).join(', '),
      active ? 'Đang hoạt động / Active' : 'Ngừng hoạt động / Inactive',
      h(
        'div',
        { class: 'actions' },
        toggle,
        h('details', {}, h('summary', {}, `Đổi vai trò / Change roles`), roleForm),
      ),
    ];
  });
  return section(
    'officers',
    'Cán bộ của đơn vị',
    'Officers of the unit',
    officers.length
      ? dataTable(
          'officers-table',
          'Cán bộ và vai trò / Officers and their roles',
          [
            ['Tên đăng nhập', 'Username'],
            ['Họ tên', 'Name'],
            ['Thư điện tử', 'E-mail'],
            ['Vai trò', 'Roles'],
            ['Trạng thái', 'State'],
            ['Thao tác', 'Actions'],
          ],
          rows,
        )
      : h('p', {}, 'Chưa có cán bộ. / No officers yet.'),
    h('h3', {}, ...both('Mời cán bộ mới', 'Invite an officer')),
    invite,
  );
}

/** A secret shown once, right after it was made: it cannot be read again. */
function secretNotice(target: HTMLElement, secret: string): void {
  const text = h('p', { class: 'secret', id: 'webhook-secret', tabindex: '-1' }, secret);
  target.replaceChildren(
    h(
      'p',
      {},
      'Khóa bí mật chỉ hiển thị một lần này; hãy lưu vào hệ thống nhận ngay. / The secret is shown this once only; store it in the receiving system now.',
    ),
    text,
  );
  text.focus();
}

async function showDeliveries(context: AdminContext, id: string, target: HTMLElement): Promise<void> {
  const body = await ok(context.call.json(`/officer/webhooks/${encodeURIComponent(id)}/deliveries`));
  const deliveries = list(body.items).map(record);
  const rows = deliveries.map((delivery) => {
    const event = record(delivery.event);
    const eventId = str(event.id) ?? '';
    const last = record(list(delivery.attempts).at(-1));
    const replay = h(
      'button',
      { type: 'button', class: 'secondary', 'data-event': eventId },
      `Gửi lại / Replay`,
    );
    replay.addEventListener('click', async () => {
      try {
        await ok(
          context.call.json(
            `/officer/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(eventId)}/replay`,
            jsonPost({}),
          ),
        );
        context.announce(`Đã xếp hàng gửi lại ${eventId}. / ${eventId} queued again.`);
        await showDeliveries(context, id, target);
      } catch (failure) {
        context.showError(failure);
      }
    });
    return [
      `${str(event.type) ?? ''} (${eventId})`,
      timeText(str(event.occurredAt)),
      STATE_TEXT[str(delivery.status) ?? ''] ?? str(delivery.status) ?? '',
      `${list(delivery.attempts).length}${last.outcome ? ` · ${str(last.outcome)}${last.status ? ` ${String(last.status)}` : ''}${last.latencyMs !== undefined ? ` · ${String(last.latencyMs)} ms` : ''}` : ''}`,
      replay,
    ];
  });
  target.replaceChildren(
    deliveries.length
      ? dataTable(
          `deliveries-table`,
          'Các lần gửi sự kiện / Deliveries',
          [
            ['Sự kiện', 'Event'],
            ['Xảy ra lúc', 'Occurred'],
            ['Trạng thái', 'Status'],
            ['Số lần gửi, lần cuối', 'Attempts, last'],
            ['Thao tác', 'Action'],
          ],
          rows,
        )
      : h('p', {}, 'Chưa có lần gửi nào. / No deliveries yet.'),
  );
}

function webhooksSection(
  context: AdminContext,
  subscriptions: Record<string, unknown>[],
  reload: (secret?: string) => void,
) {
  const secretBox = h('div', { id: 'secret-box', 'aria-live': 'polite' });
  const deliveriesBox = h('div', { id: 'deliveries', 'aria-live': 'polite' });
  const create = h(
    'form',
    { id: 'webhook-form', novalidate: true },
    ...labelled(
      'webhook-url',
      'Địa chỉ nhận (https)',
      'Receiver URL (https)',
      h('input', { type: 'text', inputmode: 'url', maxlength: 2000, spellcheck: 'false' }),
    ),
    ...labelled(
      'webhook-description',
      'Mô tả (không bắt buộc)',
      'Description (optional)',
      h('input', { type: 'text', maxlength: 200 }),
    ),
    checkboxes(
      'webhook-events',
      'Sự kiện',
      'Events',
      WEBHOOK_EVENT_TYPES.map((type) => [type, type]),
    ),
    h('button', { type: 'submit' }, 'Tạo đăng ký / Subscribe'),
  );
  onSubmit(create, context.showError, async () => {
    const description = controlValue(create, 'webhook-description');
    const created = await ok(
      context.call.json(
        '/officer/webhooks',
        jsonPost({
          url: controlValue(create, 'webhook-url'),
          eventTypes: ticked(create, 'webhook-events'),
          ...(description ? { description } : {}),
        }),
      ),
    );
    context.announce('Đã tạo đăng ký webhook. / Webhook subscription created.');
    reload(str(created.secret));
  });
  const rows = subscriptions.map((subscription) => {
    const id = str(subscription.id) ?? '';
    const state = str(subscription.state) ?? '';
    const url = str(subscription.url) ?? '';
    const rotate = h('button', { type: 'button', class: 'secondary' }, 'Đổi khóa bí mật / Rotate secret');
    rotate.addEventListener('click', async () => {
      try {
        const rotated = await ok(
          context.call.json(`/officer/webhooks/${encodeURIComponent(id)}/rotate`, jsonPost({})),
        );
        context.announce(
          'Đã đổi khóa; khóa cũ còn hiệu lực 24 giờ. / Rotated; the old secret signs for 24 more hours.',
        );
        secretNotice(secretBox, str(rotated.secret) ?? '');
      } catch (failure) {
        context.showError(failure);
      }
    });
    const pause = h(
      'button',
      { type: 'button', class: 'secondary' },
      state === 'active' ? 'Tạm dừng / Pause' : 'Bật lại / Resume',
    );
    pause.addEventListener('click', async () => {
      try {
        await ok(
          context.call.json(
            `/officer/webhooks/${encodeURIComponent(id)}/state`,
            jsonPost({ state: state === 'active' ? 'paused' : 'active' }),
          ),
        );
        context.announce('Đã đổi trạng thái đăng ký. / Subscription state changed.');
        reload();
      } catch (failure) {
        context.showError(failure);
      }
    });
    const deliveries = h(
      'button',
      { type: 'button', class: 'secondary', 'data-subscription': id },
      'Xem các lần gửi / Deliveries',
    );
    deliveries.addEventListener('click', () =>
      showDeliveries(context, id, deliveriesBox).catch((failure) => context.showError(failure)),
    );
    return [
      h('span', { class: 'code' }, url),
      list(subscription.eventTypes).join(', '),
      `${STATE_TEXT[state] ?? state}${subscription.disabledReason ? ` — ${str(subscription.disabledReason)}` : ''}`,
      timeText(str(subscription.createdAt)),
      h('div', { class: 'actions' }, rotate, pause, deliveries),
    ];
  });
  return section(
    'webhooks',
    'Đăng ký webhook',
    'Webhook subscriptions',
    subscriptions.length
      ? dataTable(
          'webhooks-table',
          'Hệ thống của đơn vị nhận sự kiện / Systems of the unit receiving events',
          [
            ['Địa chỉ nhận', 'Receiver'],
            ['Sự kiện', 'Events'],
            ['Trạng thái', 'State'],
            ['Tạo lúc', 'Created'],
            ['Thao tác', 'Actions'],
          ],
          rows,
        )
      : h('p', {}, 'Chưa có đăng ký nào. / No subscriptions yet.'),
    secretBox,
    deliveriesBox,
    h('h3', {}, ...both('Đăng ký mới', 'New subscription')),
    create,
  );
}

const BUDGET_UNITS: Record<string, string> = {
  working_days: 'ngày làm việc / working days',
  working_hours: 'giờ làm việc / working hours',
  share: 'phần thời hạn / share of the time limit',
};

function unitText(unit: unknown): string {
  if (typeof unit === 'string')
    return (
      {
        receiving: 'Đơn vị tiếp nhận / Receiving unit',
        current: 'Đơn vị hiện tại / Current unit',
        parent: 'Đơn vị cấp trên / Parent unit',
      }[unit] ?? unit
    );
  const reference = record(unit);
  return str(reference.agency) ?? `cấp / tier ${str(reference.tier) ?? ''}`;
}

function processSection(context: AdminContext, defaultCode: string): HTMLElement {
  const result = h('div', { id: 'process-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { id: 'process-form', novalidate: true },
    ...labelled(
      'process-code',
      'Mã quy trình hoặc mã thủ tục',
      'Process or procedure code',
      h('input', { type: 'text', value: defaultCode, maxlength: 60, spellcheck: 'false' }),
      `Quy trình mặc định của đơn vị / The unit's default: ${defaultCode}`,
    ),
    h('button', { type: 'submit' }, 'Xem quy trình / Show the process'),
  );
  onSubmit(form, context.showError, async () => {
    const code = controlValue(form, 'process-code').toUpperCase();
    if (!code) throw errorBody('Nhập mã quy trình.', 'Enter a process code.');
    const view = await ok(context.call.json(`/officer/processes/${encodeURIComponent(code)}`));
    const definition = record(view.definition);
    const steps = list(definition.steps).map(record);
    result.replaceChildren(
      h(
        'h3',
        {},
        `${str(definition.name) ?? ''} (${str(view.code) ?? code}, phiên bản / version ${String(view.version ?? '')})`,
      ),
      dataTable(
        'process-table',
        'Các bước, vai trò, thời hạn và bước tiếp theo / Steps, roles, budgets and next steps',
        [
          ['Bước', 'Step'],
          ['Vai trò', 'Role'],
          ['Đơn vị', 'Unit'],
          ['Thời hạn', 'Budget'],
          ['Thao tác', 'Actions'],
          ['Bước tiếp theo', 'Next'],
        ],
        steps.map((step) => {
          const budget = record(step.budget);
          return [
            `${str(step.name) ?? ''}${step.nameEn ? ` / ${str(step.nameEn)}` : ''} (${str(step.code) ?? ''})`,
            roleText(str(step.role) ?? ''),
            unitText(step.unit),
            `${String(budget.amount ?? '')} ${BUDGET_UNITS[str(budget.unit) ?? ''] ?? str(budget.unit) ?? ''}`,
            list(step.actions).join(', '),
            list(step.next).join(', ') || 'Kết thúc / End',
          ];
        }),
      ),
    );
  });
  return section('processes', 'Quy trình nội bộ (chỉ xem)', 'Internal processes (read-only)', form, result);
}

/** The unit's administration (role quan_tri): officers and roles, webhook subscriptions, processes. */
export async function renderAdmin(context: AdminContext, secret?: string): Promise<void> {
  markCurrent('admin');
  document.title = 'Quản trị đơn vị – Một cửa điện tử';
  const heading = viewTitle('Quản trị đơn vị', 'Agency administration');
  context.container.replaceChildren(heading, h('p', {}, 'Đang tải… / Loading…'));
  heading.focus();
  const [officers, webhooks, me] = await Promise.all([
    context.call.json('/officer/officers'),
    context.call.json('/officer/webhooks'),
    context.call.json('/officer/me'),
  ]);
  const refused = [officers, webhooks].find((answer) => !answer.ok);
  if (refused) {
    context.container.replaceChildren(
      heading,
      h(
        'p',
        { id: 'admin-refused' },
        'Trang này dành cho cán bộ có vai trò Quản trị đơn vị. / This page is for agency administrators.',
      ),
      h('p', {}, h('a', { href: '#/' }, 'Về hàng đợi / Back to the queue')),
    );
    context.showError(failureOf(refused));
    return;
  }
  const tier = str(record(record(me.body).unit).tier) ?? 'district';
  const reload = (shownSecret?: string) => void renderAdmin(context, shownSecret);
  const hooks = webhooksSection(context, list(record(webhooks.body).items).map(record), reload);
  context.container.replaceChildren(
    heading,
    officersSection(context, list(record(officers.body).items).map(record), () => reload()),
    hooks,
    processSection(context, `MAC-DINH-${tier.toUpperCase()}`),
  );
  const secretBox = hooks.querySelector<HTMLElement>('#secret-box');
  if (secret && secretBox) secretNotice(secretBox, secret);
  else heading.focus();
}
