"""Real-NVP: invertible, exact log-determinant, NLL of a standard normal."""
import math

import pytest
import torch

from bdd100k_zoo.anomaly.flow import RealNVP, fit_flow, flow_from_state


def trained_flow(dim=4):
    torch.manual_seed(0)
    flow = RealNVP(dim, couplings=4)
    for parameter in flow.parameters():  # non-trivial couplings
        torch.nn.init.normal_(parameter, std=0.3)
    flow.train()
    flow(torch.randn(256, dim) * 2 + 1)  # running statistics
    return flow.eval()


def test_inverse_and_log_determinant():
    flow = trained_flow()
    x = torch.randn(5, 4, dtype=torch.float64)
    flow = flow.double()
    eta, logdet = flow(x)
    torch.testing.assert_close(flow.inverse(eta), x)
    for row in range(len(x)):
        jacobian = torch.autograd.functional.jacobian(lambda v: flow(v[None])[0][0], x[row])
        torch.testing.assert_close(logdet[row], torch.linalg.slogdet(jacobian).logabsdet)


def test_fitted_on_a_standard_normal_its_nll_is_the_entropy():
    torch.manual_seed(1)
    data = torch.randn(4000, 2)
    flow, mean_nll = fit_flow(data, couplings=2, epochs=15, batch_size=256, lr=1e-2)
    entropy = 2 / 2 * math.log(2 * math.pi * math.e)  # of N(0, I_2): 2.8379
    assert mean_nll == pytest.approx(entropy, abs=0.08)
    rebuilt = flow_from_state(flow.arch, flow.state_dict())
    with torch.no_grad():
        torch.testing.assert_close(rebuilt.nll(data[:10]), flow.nll(data[:10]))
        far = flow.nll(torch.full((1, 2), 6.0))
    assert float(far) > mean_nll + 10
